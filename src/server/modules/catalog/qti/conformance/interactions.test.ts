import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../../../errors.js';
import { sameDefinition } from '../../exam-definition.js';
import { readExamDefinition } from '../../exams.service.js';
import { problemMessages } from '../../import-problems.js';
import { scoreItem } from '../../scoring.js';
import { exportQti } from '../export-qti.js';
import { qti3Package, type HandItem } from './package.test-support.js';

/**
 * The conformance suite, the interactions beyond a choice list: items written by hand as another tool writes
 * them (standard templates, QTI 3.0 spelling), each imported, scored with values worked out by hand, and carried
 * through Vigie's QTI 3.0 and 2.1 exports unchanged; what Vigie cannot score faithfully is refused by name.
 */
const MATCH_CORRECT = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml';
const MAP_RESPONSE = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml';
const SCENE = strToU8(
  '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><rect width="300" height="120" fill="#ddd"/></svg>',
);

function item(
  id: string,
  declarations: string,
  body: string,
  processing = `<qti-response-processing template="${MATCH_CORRECT}"/>`,
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="${id}" title="${id}" adaptive="false" time-dependent="false">
  ${declarations}
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-item-body>${body}</qti-item-body>
  ${processing}
</qti-assessment-item>`;
}

const decl = (id: string, cardinality: string, baseType: string, values: string[], extra = '') =>
  `<qti-response-declaration identifier="${id}" cardinality="${cardinality}" base-type="${baseType}"><qti-correct-response>${values.map((v) => `<qti-value>${v}</qti-value>`).join('')}</qti-correct-response>${extra}</qti-response-declaration>`;

const HAND: HandItem[] = [
  {
    id: 'ordre',
    xml: item(
      'ordre',
      decl('RESPONSE', 'ordered', 'identifier', ['GILET', 'PANNEAUX', 'POSTE']),
      `<qti-order-interaction response-identifier="RESPONSE" shuffle="true"><qti-prompt>Dans quel ordre ?</qti-prompt>
        <qti-simple-choice identifier="POSTE">Prendre son poste</qti-simple-choice>
        <qti-simple-choice identifier="GILET">Revêtir le gilet</qti-simple-choice>
        <qti-simple-choice identifier="PANNEAUX">Poser les panneaux</qti-simple-choice></qti-order-interaction>`,
    ),
  },
  {
    id: 'sens',
    xml: item(
      'sens',
      decl('RESPONSE', 'multiple', 'directedPair', ['AK5 TRAVAUX', 'AK3 CHAUSSEE']),
      `<p>Associez.</p><qti-match-interaction response-identifier="RESPONSE" shuffle="false" max-associations="2">
        <qti-simple-match-set><qti-simple-associable-choice identifier="AK5" match-max="1">AK5</qti-simple-associable-choice><qti-simple-associable-choice identifier="AK3" match-max="1">AK3</qti-simple-associable-choice></qti-simple-match-set>
        <qti-simple-match-set><qti-simple-associable-choice identifier="TRAVAUX" match-max="1">Travaux</qti-simple-associable-choice><qti-simple-associable-choice identifier="CHAUSSEE" match-max="1">Chaussée rétrécie</qti-simple-associable-choice></qti-simple-match-set>
      </qti-match-interaction>`,
    ),
  },
  {
    id: 'trous',
    xml: item(
      'trous',
      decl('RESPONSE', 'multiple', 'directedPair', ['AMONT G1']),
      `<p>Complétez.</p><qti-gap-match-interaction response-identifier="RESPONSE" shuffle="true">
        <qti-gap-text identifier="AMONT" match-max="1">en amont</qti-gap-text><qti-gap-text identifier="AVAL" match-max="1">en aval</qti-gap-text>
        <p>Le signaleur se place <qti-gap identifier="G1"/> du chantier.</p></qti-gap-match-interaction>`,
    ),
  },
  {
    id: 'liste',
    xml: item(
      'liste',
      decl('RESPONSE', 'single', 'identifier', ['BRAS']),
      `<p>Choisissez.</p><p>Le piquet se tient <qti-inline-choice-interaction response-identifier="RESPONSE" shuffle="false"><qti-inline-choice identifier="BRAS">à bout de bras</qti-inline-choice><qti-inline-choice identifier="SOL">au sol</qti-inline-choice></qti-inline-choice-interaction>.</p>`,
    ),
  },
  {
    id: 'mot',
    xml: item(
      'mot',
      decl(
        'RESPONSE',
        'single',
        'string',
        ['piquet'],
        '<qti-mapping default-value="0"><qti-map-entry map-key="piquet" mapped-value="1" case-sensitive="false"/><qti-map-entry map-key="piquet K10" mapped-value="1" case-sensitive="false"/></qti-mapping>',
      ),
      `<p>Quel nom porte le panneau manuel ? <qti-text-entry-interaction response-identifier="RESPONSE" expected-length="10"/></p>`,
      `<qti-response-processing template="${MAP_RESPONSE}"/>`,
    ),
  },
  {
    id: 'nombre',
    xml: item(
      'nombre',
      decl('RESPONSE', 'single', 'integer', ['50']),
      `<p>Vitesse limite (km/h) ?</p><p><qti-text-entry-interaction response-identifier="RESPONSE"/></p>`,
    ),
  },
  {
    id: 'zone',
    xml: item(
      'zone',
      decl('RESPONSE', 'single', 'identifier', ['AVANT']),
      `<p>Où se place le signaleur ?</p><qti-hotspot-interaction response-identifier="RESPONSE" max-choices="1">
        <img src="../images/scene.svg" alt="Une route en travaux" width="300" height="120"/>
        <qti-hotspot-choice identifier="AVANT" shape="circle" coords="40,60,20" hotspot-label="Avant le chantier"/>
        <qti-hotspot-choice identifier="APRES" shape="rect" coords="200,20,280,100"/></qti-hotspot-interaction>`,
    ),
    files: { 'images/scene.svg': SCENE },
  },
  {
    id: 'images',
    xml: item(
      'images',
      decl('RESPONSE', 'single', 'identifier', ['AK5']),
      `<p>Quel panneau annonce des travaux ?</p><qti-choice-interaction response-identifier="RESPONSE" max-choices="1" shuffle="false">
        <qti-simple-choice identifier="AK5"><img src="../images/scene.svg" alt="Panneau AK5"/></qti-simple-choice>
        <qti-simple-choice identifier="AK3">Panneau AK3</qti-simple-choice></qti-choice-interaction>`,
    ),
    files: { 'images/scene.svg': SCENE },
  },
];

const def = readExamDefinition({ name: 'interactions.zip', bytes: qti3Package(HAND) });
const byId = (id: string) => def.content.items.find((i) => i.id === id)!;

function refused(items: HandItem[]): string[] {
  try {
    readExamDefinition({ name: 'refus.zip', bytes: qti3Package(items) });
  } catch (err) {
    return problemMessages(err as DomainError);
  }
  throw new Error('imported');
}

describe('QTI conformance: the interactions beyond a choice list', () => {
  it('reads each interaction into its type, with its parts', () => {
    expect(def.content.items.map((i) => [i.id, i.type])).toEqual([
      ['ordre', 'order'],
      ['sens', 'match'],
      ['trous', 'gap_match'],
      ['liste', 'inline_choice'],
      ['mot', 'text_entry'],
      ['nombre', 'text_entry'],
      ['zone', 'hotspot'],
      ['images', 'single'],
    ]);
    expect(byId('ordre').stem.fr).toBe('Dans quel ordre ?');
    expect(byId('liste').cloze!.fr).toEqual(['Le piquet se tient ', { slot: 'RESPONSE' }, '.']);
    expect(byId('liste').stem.fr).toBe('Choisissez.');
    expect(byId('mot').entry).toEqual({
      kind: 'text',
      accepted: ['piquet', 'piquet K10'],
      accentSensitive: true,
      expectedLength: 10,
    });
    expect(byId('nombre').entry).toEqual({ kind: 'number', accepted: [50] });
    expect(byId('zone').image!.alt).toEqual({ fr: 'Une route en travaux' });
    expect(byId('zone').choices[1]!.area).toEqual({ shape: 'rect', coords: [200, 20, 280, 100] });
    expect(byId('images').choices[0]!.text).toEqual({ fr: 'Panneau AK5' });
    expect(byId('images').choices[0]!.image!.mime).toBe('image/svg+xml');
  });

  it('scores each as worked out by hand', () => {
    expect(scoreItem(byId('ordre'), ['GILET', 'PANNEAUX', 'POSTE'])).toBe(1);
    expect(scoreItem(byId('ordre'), ['POSTE', 'GILET', 'PANNEAUX'])).toBe(0);
    expect(scoreItem(byId('sens'), ['AK3 CHAUSSEE', 'AK5 TRAVAUX'])).toBe(1);
    expect(scoreItem(byId('sens'), ['AK5 TRAVAUX'])).toBe(0); // match_correct: all or nothing
    expect(scoreItem(byId('trous'), ['AMONT G1'])).toBe(1);
    expect(scoreItem(byId('trous'), ['AVAL G1'])).toBe(0);
    expect(scoreItem(byId('liste'), ['RESPONSE BRAS'])).toBe(1);
    expect(scoreItem(byId('liste'), ['RESPONSE SOL'])).toBe(0);
    expect(scoreItem(byId('mot'), ['PIQUET k10'])).toBe(1); // case-sensitive="false"
    expect(scoreItem(byId('mot'), ['piquét'])).toBe(0); // QTI compares accents
    expect(scoreItem(byId('nombre'), ['50'])).toBe(1);
    expect(scoreItem(byId('nombre'), ['51'])).toBe(0);
    expect(scoreItem(byId('zone'), ['AVANT'])).toBe(1);
    expect(scoreItem(byId('zone'), ['APRES'])).toBe(0);
    expect(scoreItem(byId('images'), ['AK5'])).toBe(1);
  });

  it.each(['3.0', '2.1'] as const)('carries every one through Vigie’s QTI %s export unchanged', (version) => {
    const back = readExamDefinition({ name: `retour-${version}.zip`, bytes: exportQti(def, version) });
    expect(back.content.items).toEqual(def.content.items);
    expect(sameDefinition(back, def)).toBe(true);
  });

  it('refuses by name what it cannot score faithfully: an associate interaction, a foreign mapping of pairs, two inline responses scored their own way', () => {
    const messages = refused([
      {
        id: 'assoc',
        xml: item(
          'assoc',
          decl('RESPONSE', 'multiple', 'pair', ['A B']),
          '<qti-associate-interaction response-identifier="RESPONSE" max-associations="1"><qti-simple-associable-choice identifier="A" match-max="1">A</qti-simple-associable-choice><qti-simple-associable-choice identifier="B" match-max="1">B</qti-simple-associable-choice></qti-associate-interaction>',
        ),
      },
      {
        id: 'bareme',
        xml: item(
          'bareme',
          decl(
            'RESPONSE',
            'multiple',
            'directedPair',
            ['A X'],
            '<qti-mapping default-value="0"><qti-map-entry map-key="A X" mapped-value="2"/><qti-map-entry map-key="A Y" mapped-value="1"/></qti-mapping>',
          ),
          '<qti-match-interaction response-identifier="RESPONSE" max-associations="1"><qti-simple-match-set><qti-simple-associable-choice identifier="A" match-max="1">A</qti-simple-associable-choice><qti-simple-associable-choice identifier="B" match-max="1">B</qti-simple-associable-choice></qti-simple-match-set><qti-simple-match-set><qti-simple-associable-choice identifier="X" match-max="1">X</qti-simple-associable-choice><qti-simple-associable-choice identifier="Y" match-max="1">Y</qti-simple-associable-choice></qti-simple-match-set></qti-match-interaction>',
          `<qti-response-processing template="${MAP_RESPONSE}"/>`,
        ),
      },
      {
        id: 'deux',
        xml: item(
          'deux',
          decl('R1', 'single', 'identifier', ['A']) + decl('R2', 'single', 'identifier', ['C']),
          '<p>Le <qti-inline-choice-interaction response-identifier="R1"><qti-inline-choice identifier="A">a</qti-inline-choice><qti-inline-choice identifier="B">b</qti-inline-choice></qti-inline-choice-interaction> et le <qti-inline-choice-interaction response-identifier="R2"><qti-inline-choice identifier="C">c</qti-inline-choice><qti-inline-choice identifier="D">d</qti-inline-choice></qti-inline-choice-interaction>.</p>',
          '<qti-response-processing><qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">1</qti-base-value></qti-set-outcome-value></qti-response-processing>',
        ),
      },
    ]);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /question assoc, itemBody : type d’interaction non pris en charge : « qti-associate-interaction »/,
        ),
        expect.stringMatching(
          /question bareme, qti-match-interaction : le traitement des réponses .* n’est ni match_correct, ni map_response au barème de Vigie/,
        ),
        expect.stringMatching(
          /question deux, qti-inline-choice-interaction : 2 réponses \(R1, R2\) notées par un traitement que Vigie ne sait pas rapporter/,
        ),
      ]),
    );
  });
});
