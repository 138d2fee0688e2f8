import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../errors.js';
import { answerProblem, choiceIndex } from '../attempts/answer-check.js';
import { deliverItems, drawPaper } from '../attempts/paper.js';
import { readExamDefinition } from './exams.service.js';
import { problemMessages } from './import-problems.js';
import { scorePaper } from './scoring.js';
import { sectionsItemCount } from './sections.js';
import { questionCount } from './exam-definition.js';

/** Sections, weights, per-item shuffle and min_choices in Vigie's own format, and what the paper and scoring do. */
const item = (id: string, extra = '') => `
  - id: ${id}
    type: single
    stem: Question ${id}
    choices: [{ id: a, text: Rouge }, { id: b, text: Vert }, { id: c, text: Bleu }]
    correct: a${extra}`;

const exam = (
  body: string,
  items = ['q1', 'q2', 'q3', 'q4', 'q5'].map((i) => item(i)).join(''),
) => `format: vigie-exam/1
code: SECTIONS
title: Sections
duration_minutes: 30
passing_mark: 60
${body}
items:${items}
`;

const read = (yaml: string) => readExamDefinition({ name: 'e.yaml', bytes: Buffer.from(yaml) }, { lang: 'en' });

function problems(yaml: string): string[] {
  try {
    read(yaml);
  } catch (err) {
    return problemMessages(err as DomainError);
  }
  return [];
}

const twoSections = `sections:
  - id: debut
    title: { fr: Début, en: Start }
    select: 1
    parts: [q1, q2]
  - id: fin
    shuffle: true
    parts:
      - q3
      - id: cas
        select: 1
        parts: [q4, q5]`;

describe('sections in the own format', () => {
  it('reads nested sections with their draw and order', () => {
    const def = read(exam(twoSections));
    expect(def.content.sections).toEqual([
      { id: 'debut', title: { fr: 'Début', en: 'Start' }, select: 1, parts: [{ item: 'q1' }, { item: 'q2' }] },
      {
        id: 'fin',
        shuffle: true,
        parts: [{ item: 'q3' }, { section: { id: 'cas', select: 1, parts: [{ item: 'q4' }, { item: 'q5' }] } }],
      },
    ]);
    // One of Début, then q3 and one of Cas: 3 items on every paper.
    expect(sectionsItemCount(def.content.sections!)).toBe(3);
    expect(questionCount(def)).toBe(3);
    for (let i = 0; i < 20; i++) {
      const got = drawPaper(def.content, def).items.map((p) => p.id);
      expect(got).toHaveLength(3);
      expect(['q1', 'q2']).toContain(got[0]);
      expect(got.slice(1).filter((id) => id === 'q3')).toHaveLength(1);
    }
  });

  it('refuses what sections cannot mean, naming each', () => {
    const said = problems(
      exam(`draw: 2
sections:
  - id: q1
    select: 3
    parts: [q1, q2]
  - id: autre
    parts: [q2, q9]`),
    ).join('\n');
    expect(said).toContain('an exam with sections draws its items by section (select): remove "draw"');
    expect(said).toContain('identifier « q1 » is already used');
    expect(said).toContain('select « 3 »: from 1 to the number of parts of the section (2)');
  });

  it('refuses an item in two sections, in none, or one that is not there', () => {
    const said = problems(
      exam(`sections:
  - id: un
    parts: [q1, q2, q3]
  - id: deux
    parts: [q3, q9]`),
    ).join('\n');
    expect(said).toContain('a section names « q9 », not an item');
    expect(said).toContain('item « q3 » is in two sections');
    expect(said).toContain('item « q4 » is in no section');
    expect(said).toContain('item « q5 » is in no section');
  });

  it('refuses sections nested deeper than the reader walks, as a problem (JSON, never a crash)', () => {
    // Written as text: JSON.stringify itself recurses.
    const nested = '{"id":"s","parts":['.repeat(5000) + '"q1"' + ']}'.repeat(5000);
    const json = `{"format":"vigie-exam/1","code":"X","title":"X","duration_minutes":5,"passing_mark":50,"sections":[${nested}],"items":[{"id":"q1","type":"true_false","stem":"Q","correct":true}]}`;
    let said: string[] = [];
    try {
      readExamDefinition({ name: 'e.json', bytes: Buffer.from(json) }, { lang: 'en' });
    } catch (err) {
      said = problemMessages(err as DomainError);
    }
    expect(said.join()).toContain('nested too deeply');
  });

  it('holds one section of items as the exam’s own draw and order (an exam without sections)', () => {
    const def = read(
      exam(`sections:
  - id: tout
    select: 2
    shuffle: true
    parts: [q5, q4, q3, q2, q1]`),
    );
    expect(def.content.sections).toBeUndefined();
    expect(def.drawCount).toBe(2);
    expect(def.shuffleItems).toBe(true);
    expect(def.content.items.map((i) => i.id)).toEqual(['q5', 'q4', 'q3', 'q2', 'q1']);
  });
});

describe('weights, per-item shuffle and min_choices', () => {
  it('keeps an item’s shuffle: false only when the exam shuffles choices, and the paper honours it', () => {
    const items = item('q1', '\n    shuffle: false') + item('q2');
    expect(read(exam('shuffle_choices: false', items)).content.items[0]!.shuffle).toBeUndefined();
    const def = read(exam('shuffle_choices: true', items));
    expect(def.content.items[0]!.shuffle).toBe(false);
    const orders = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const paper = drawPaper(def.content, def);
      expect(paper.items[0]!.choiceOrder).toEqual(['a', 'b', 'c']);
      orders.add(paper.items[1]!.choiceOrder.join());
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('refuses a weight out of bounds or with more than 4 decimals', () => {
    expect(problems(exam('', item('q1', '\n    weight: 0'))).join()).toContain('weight');
    expect(problems(exam('', item('q1', '\n    weight: 1.00001'))).join()).toContain(
      'weight « 1.00001 »: a number greater than 0, at most 100, 4 decimals at most',
    );
  });

  it('scores a weighted item weight times', () => {
    const def = read(exam('', item('q1', '\n    weight: 3') + item('q2')));
    const paper = drawPaper(def.content, def);
    expect(scorePaper(def.content, paper, { q1: ['a'] }, 60)).toMatchObject({
      points: 3,
      maxPoints: 4,
      percentage: 75,
      outcome: 'passed',
    });
    // The learner is shown what the item is worth in this exam.
    expect(deliverItems(def.content, paper).map((i) => i.points)).toEqual([3, 1]);
  });

  it('saves an answer below min_choices, and scores it as not answered', () => {
    const multi = `
  - id: m
    type: multiple
    scoring: partial
    min_choices: 2
    stem: Lesquels ?
    choices: [{ id: a, text: Un }, { id: b, text: Deux }, { id: c, text: Trois }]
    correct: [a, b]`;
    const def = read(exam('', multi));
    const paper = drawPaper(def.content, def);
    // Mid-exam, one choice is a step on the way: it is saved.
    expect(answerProblem(choiceIndex(def.content, paper), 'm', ['a'])).toBeNull();
    // At scoring it is not a response (QTI: invalid): 0 points and not answered, though partial credit would give 0.5.
    expect(scorePaper(def.content, paper, { m: ['a'] }, 50)).toMatchObject({ points: 0, answered: 0 });
    expect(scorePaper(def.content, paper, { m: ['a', 'b'] }, 50)).toMatchObject({ points: 1, answered: 1 });
    expect(scorePaper(def.content, paper, { m: ['a', 'c'] }, 50)).toMatchObject({ points: 0, answered: 1 });
  });
});
