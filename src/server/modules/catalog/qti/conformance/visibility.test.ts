import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../errors.js';
import { readExamDefinition } from '../../exams.service.js';
import { problemMessages } from '../../import-problems.js';
import { choiceItem, qti3Package, type HandItem } from './package.test-support.js';

/**
 * The conformance suite, part 1: a candidate sees only what is theirs, and what Vigie cannot render is refused
 * by name. Every item here is written by hand, as another tool would write it.
 */
const read = (items: HandItem[], name = 'paquet.zip') =>
  readExamDefinition({ name, bytes: qti3Package(items) }, { lang: 'en' });

function refusal(items: HandItem[], name = 'paquet.zip'): string[] {
  try {
    read(items, name);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return problemMessages(err as DomainError);
  }
  throw new Error('imported');
}

/** Every text a learner could be shown of an item: stem, choices, image alt. */
const shown = (items: HandItem[]) =>
  JSON.stringify(read(items).content.items.map(({ stem, choices }) => ({ stem, choices })));

describe('QTI conformance: what a candidate may see', () => {
  it('leaves inline feedback out of the choices (« True That’s correct » was one choice)', () => {
    const xml = choiceItem('tf', {
      correct: ['true'],
      outcomes:
        '<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/><qti-outcome-declaration identifier="FEEDBACK" cardinality="single" base-type="identifier"/>',
      choices:
        '<qti-simple-choice identifier="true" fixed="true">True <qti-feedback-inline outcome-identifier="FEEDBACK" identifier="true" show-hide="show">That’s correct</qti-feedback-inline></qti-simple-choice>' +
        '<qti-simple-choice identifier="false" fixed="true">False <qti-feedback-inline outcome-identifier="FEEDBACK" identifier="false" show-hide="show">That’s not correct</qti-feedback-inline></qti-simple-choice>',
    });
    const def = read([{ id: 'tf', xml }]);
    expect(def.content.items[0]!.choices.map((c) => c.text.fr)).toEqual(['True', 'False']);
  });

  it('leaves feedback blocks, modal feedback, scorer and proctor rubrics, catalogues and hidden content out of the stem', () => {
    const xml = choiceItem('q', {
      outcomes:
        '<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/><qti-outcome-declaration identifier="FEEDBACK" cardinality="single" base-type="identifier"/>',
      itemLevel:
        '<qti-catalog-info><qti-catalog id="c1"><qti-card support="sign-language"><qti-html-content><p>CATALOGUE SECRET</p></qti-html-content></qti-card></qti-catalog></qti-catalog-info>',
      before:
        '<qti-rubric-block view="scorer"><p>RUBRIQUE CORRECTEUR : la réponse est A</p></qti-rubric-block>' +
        '<qti-rubric-block view="proctor"><p>RUBRIQUE SURVEILLANT</p></qti-rubric-block>' +
        '<qti-rubric-block view="candidate"><p>Lisez attentivement.</p></qti-rubric-block>' +
        '<p>Quelle réponse ?</p><p class="qti-hidden">TEXTE CACHÉ</p><div hidden="hidden">AUSSI CACHÉ</div>' +
        '<qti-feedback-block outcome-identifier="FEEDBACK" identifier="A" show-hide="show"><p>BLOC DE RÉTROACTION : bravo, A</p></qti-feedback-block>',
      after:
        '<qti-feedback-block outcome-identifier="FEEDBACK" identifier="B" show-hide="show"><qti-content-body><p>RÉTROACTION B</p></qti-content-body></qti-feedback-block>',
      processing:
        '<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>' +
        '<qti-modal-feedback outcome-identifier="FEEDBACK" identifier="A" show-hide="show"><qti-content-body>MODALE : c’est A</qti-content-body></qti-modal-feedback>',
    });
    const text = shown([{ id: 'q', xml }]);
    expect(text).toContain('Lisez attentivement.');
    expect(text).toContain('Quelle réponse ?');
    for (const secret of ['CATALOGUE', 'CORRECTEUR', 'SURVEILLANT', 'CACHÉ', 'RÉTROACTION', 'MODALE'])
      expect(text).not.toContain(secret);
  });

  it('refuses, by name, an item holding what Vigie cannot render (media, template content)', () => {
    const cases: [string, string, string][] = [
      ['video', '<p>Regardez.</p><video src="a.mp4"/>', '« video » (a video)'],
      ['audio', '<p>Écoutez.</p><audio src="a.mp3"/>', '« audio » (an audio clip)'],
      ['objet', '<p>Regardez.</p><object data="a.mp4" type="video/mp4"/>', '« object » (a media object)'],
      [
        'modele',
        '<p>Combien font <qti-printed-variable identifier="X"/> ?</p>',
        '« qti-printed-variable » (a printed variable)',
      ],
      [
        'bloc',
        '<qti-template-block template-identifier="T" identifier="x" show-hide="show"><p>Variante</p></qti-template-block>',
        '« qti-template-block » (template content)',
      ],
    ];
    for (const [id, before, named] of cases)
      expect(refusal([{ id, xml: choiceItem(id, { before }) }])).toEqual([
        `paquet.zip/items/${id}.xml, item ${id}, itemBody: content Vigie cannot render faithfully in the stem: ${named}.`,
      ]);
  });

  it('refuses template variables, template processing and shared stimuli, by name', () => {
    const cases: [string, string, string][] = [
      [
        'tvar',
        '<qti-template-declaration identifier="X" cardinality="single" base-type="integer"/>',
        '« qti-template-declaration »: a template variable (a generated item)',
      ],
      [
        'tproc',
        '<qti-template-processing><qti-set-template-value identifier="X"><qti-random-integer min="1" max="9"/></qti-set-template-value></qti-template-processing>',
        '« qti-template-processing »: template processing (a generated item)',
      ],
      [
        'stim',
        '<qti-assessment-stimulus-ref identifier="S1" href="passage.xml"/>',
        '« qti-assessment-stimulus-ref »: a stimulus shared between items (a passage or media)',
      ],
    ];
    for (const [id, itemLevel, named] of cases) {
      const problems = refusal([{ id, xml: choiceItem(id, { itemLevel }) }]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`paquet.zip/items/${id}.xml, item ${id}`);
      expect(problems[0]).toContain(`${named}; Vigie cannot render it faithfully, the item is refused.`);
    }
  });

  it('refuses portable custom and other unsupported interactions, by name', () => {
    const pci = choiceItem('pci', {
      after:
        '<qti-portable-custom-interaction response-identifier="R2" custom-interaction-type-identifier="urn:x"><qti-interaction-markup/></qti-portable-custom-interaction>',
    });
    expect(refusal([{ id: 'pci', xml: pci }])[0]).toContain(
      'unsupported interaction type: « qti-portable-custom-interaction »',
    );
    const upload = choiceItem('up', { after: '<qti-upload-interaction response-identifier="R2"/>' });
    expect(refusal([{ id: 'up', xml: upload }])[0]).toContain('« qti-upload-interaction »');
  });

  it('names the file and the item for a malformed % in a file reference, without a stack trace', () => {
    const xml = choiceItem('img', { before: '<p>Voyez.</p><img src="images/panneau%zz.png" alt="Panneau"/>' });
    expect(refusal([{ id: 'img', xml }])).toEqual([
      'paquet.zip/items/img.xml, item img: file reference badly encoded: « images/panneau%zz.png » (a % not followed by two valid hexadecimal digits).',
    ]);
  });

  it('reads a Latin-1 file that says so in its declaration with its accents', () => {
    const xml = choiceItem('latin', { before: '<p>Où se place le signaleur ? Ça dépend.</p>' }).replace(
      'encoding="UTF-8"',
      'encoding="ISO-8859-1"',
    );
    const def = read([{ id: 'latin', xml: Buffer.from(xml, 'latin1') }]);
    expect(def.content.items[0]!.stem.fr).toBe('Où se place le signaleur ? Ça dépend.');
    // Undeclared, the same bytes are not UTF-8: refused with the line, never imported with « � ».
    const undeclared = Buffer.from(xml.replace(' encoding="ISO-8859-1"', ''), 'latin1');
    expect(refusal([{ id: 'latin', xml: undeclared }])[0]).toContain('the file is not UTF-8');
    const other = strToU8(xml.replace('encoding="ISO-8859-1"', 'encoding="EBCDIC-FR"'));
    expect(refusal([{ id: 'latin', xml: other }])).toEqual([
      'paquet.zip/items/latin.xml, line 1, item latin: encoding « EBCDIC-FR » is not supported: UTF-8, ISO-8859-1, ISO-8859-15 or Windows-1252.',
    ]);
  });
});
