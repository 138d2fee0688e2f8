import { describe, expect, it } from 'vitest';
import { drawPaper } from '../../../attempts/paper.js';
import { sameDefinition } from '../../exam-definition.js';
import { readExamDefinition } from '../../exams.service.js';
import { exportJson, exportYaml } from '../../export-yaml.js';
import { exportQti } from '../export-qti.js';
import { choiceItem, qti3Package } from './package.test-support.js';

/** The conformance suite, part 3: what the item says about itself is kept (title, fixed choices, min/max). */
const item = choiceItem('panneaux', {
  title: 'Panneaux de chantier',
  cardinality: 'multiple',
  correct: ['A', 'B'],
  interactionAttrs: 'shuffle="true" max-choices="2" min-choices="1"',
  choices:
    '<qti-simple-choice identifier="A">Losange orange</qti-simple-choice>' +
    '<qti-simple-choice identifier="B">Signaleur</qti-simple-choice>' +
    '<qti-simple-choice identifier="C">Cercle vert</qti-simple-choice>' +
    '<qti-simple-choice identifier="D">Triangle bleu</qti-simple-choice>' +
    '<qti-simple-choice identifier="NONE" fixed="true">Aucune de ces réponses</qti-simple-choice>',
});

describe('QTI conformance: what the item says about itself', () => {
  const def = readExamDefinition({ name: 'reglages.zip', bytes: qti3Package([{ id: 'panneaux', xml: item }]) });
  const read = def.content.items[0]!;

  it('keeps the title, the fixed choice, min-choices and max-choices', () => {
    expect(read.title).toEqual({ fr: 'Panneaux de chantier' });
    expect(read.choices.filter((c) => c.fixed).map((c) => c.id)).toEqual(['NONE']);
    expect(read).toMatchObject({ minChoices: 1, maxChoices: 2 });
  });

  it('leaves a fixed choice in its place when the paper shuffles the others', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const order = drawPaper(def.content, { drawCount: null, shuffleItems: false, shuffleChoices: true }).items[0]!
        .choiceOrder;
      expect(order[4]).toBe('NONE');
      seen.add(order.join(''));
    }
    // The four others did move: 40 draws of 24 orders give more than 5 different ones (all but certain).
    expect(seen.size).toBeGreaterThan(5);
  });

  it('carries them through QTI 3.0, QTI 2.1, YAML and JSON (round trips exact)', () => {
    for (const [name, bytes] of [
      ['a.zip', exportQti(def, '3.0')],
      ['b.zip', exportQti(def, '2.1')],
      ['c.yaml', Buffer.from(exportYaml(def))],
      ['d.json', Buffer.from(exportJson(def))],
    ] as const) {
      const back = readExamDefinition({ name, bytes });
      expect(back.content.items).toEqual(def.content.items);
      expect(sameDefinition(back, def)).toBe(true);
    }
  });
});
