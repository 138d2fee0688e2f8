import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { drawPaper } from '../../../attempts/paper.js';
import { sameDefinition, type ExamDefinition } from '../../exam-definition.js';
import { readExamDefinition, readExamDefinitions } from '../../exams.service.js';
import { exportJson, exportYaml } from '../../export-yaml.js';
import { problemMessages, ProblemList } from '../../import-problems.js';
import { scorePaper } from '../../scoring.js';
import { exportQti } from '../export-qti.js';
import { readQtiBank } from '../read-bank.js';
import { zipText } from '../../../../../../tests/support/exam-fixtures.js';
import type { DomainError } from '../../../../errors.js';
import { choiceItem } from './package.test-support.js';

/**
 * The conformance suite, part 4: a test's structure. Sections (nested) with selection and ordering, item
 * weights, per-item shuffle, a package with two tests, a package of items without a test (an item bank).
 * Every item and test here is written by hand, as an authoring tool would.
 */
const ids = ['s1', 's2', 's3', 'r1', 'r2', 'r3', 'r4', 'x1'];
const items = Object.fromEntries(
  ids.map((id) => [
    id,
    choiceItem(id, {
      // r1 keeps its choice order (shuffle="false") while every other item shuffles.
      interactionAttrs: id === 'r1' ? 'max-choices="1" shuffle="false"' : 'max-choices="1" shuffle="true"',
    }),
  ]),
);

const ref = (id: string, extra = '') =>
  `<qti-assessment-item-ref identifier="${id}" href="items/${id}.xml">${extra}</qti-assessment-item-ref>`;

/** Signalisation: draw 2 of 3, in order. Règles: shuffled, holding r1, r2 and a nested section drawing 1 of 2. */
const testBody = (code: string) => `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-test xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="${code}" title="Sections">
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-outcome-declaration identifier="MAXSCORE" cardinality="single" base-type="float"/>
  <qti-time-limits max-time="1800"/>
  <qti-test-part identifier="P" navigation-mode="nonlinear" submission-mode="simultaneous">
    <qti-assessment-section identifier="signalisation" title="Signalisation" visible="true">
      <qti-selection select="2"/>
      ${ref('s1', '<qti-weight identifier="W" value="2"/>')}${ref('s2')}${ref('s3')}
    </qti-assessment-section>
    <qti-assessment-section identifier="regles" title="Règles" visible="true">
      <qti-ordering shuffle="true"/>
      ${ref('r1')}${ref('r2')}
      <qti-assessment-section identifier="cas" title="Cas" visible="false">
        <qti-selection select="1"/>
        ${ref('r3')}${ref('r4', '<qti-weight identifier="W" value="0.5"/>')}
      </qti-assessment-section>
    </qti-assessment-section>
  </qti-test-part>
  <qti-outcome-processing>
    <qti-set-outcome-value identifier="SCORE"><qti-sum><qti-test-variables variable-identifier="SCORE" weight-identifier="W"/></qti-sum></qti-set-outcome-value>
    <qti-set-outcome-value identifier="PASS">
      <qti-gte>
        <qti-divide><qti-variable identifier="SCORE"/><qti-variable identifier="MAXSCORE"/></qti-divide>
        <qti-base-value base-type="float">0.5</qti-base-value>
      </qti-gte>
    </qti-set-outcome-value>
  </qti-outcome-processing>
</qti-assessment-test>`;

/** A package of the items named, with these tests (file name → code), or none (an item bank). */
function pack(itemIds: string[], tests: Record<string, string> = {}, testXml = testBody): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const resources = Object.entries(tests).map(([file, code]) => {
    files[file] = strToU8(testXml(code));
    return `<resource identifier="T-${code}" type="imsqti_test_xmlv3p0" href="${file}"><file href="${file}"/></resource>`;
  });
  for (const id of itemIds) {
    files[`items/${id}.xml`] = strToU8(items[id]!);
    resources.push(
      `<resource identifier="R-${id}" type="imsqti_item_xmlv3p0" href="items/${id}.xml"><file href="items/${id}.xml"/></resource>`,
    );
  }
  files['imsmanifest.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><resources>${resources.join('')}</resources></manifest>`);
  return zipSync(files);
}

const sectioned = pack(ids.slice(0, 7), { 'test.xml': 'SECTIONS' });

/** A seeded random source (mulberry32): the same draws each run. */
function seeded(seed: number) {
  let a = seed;
  return (max: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  };
}

/** The English problems of a refused read. */
function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (err) {
    return problemMessages(err as DomainError);
  }
  return [];
}

describe('QTI conformance: sections, weights, per-item shuffle', () => {
  const def = readExamDefinition({ name: 'sections.zip', bytes: sectioned });

  it('keeps the sections, nested, with their titles, selection and ordering', () => {
    expect(def.drawCount).toBeNull();
    expect(def.shuffleItems).toBe(false);
    expect(def.content.sections).toEqual([
      {
        id: 'signalisation',
        title: { fr: 'Signalisation' },
        select: 2,
        parts: [{ item: 's1' }, { item: 's2' }, { item: 's3' }],
      },
      {
        id: 'regles',
        title: { fr: 'Règles' },
        shuffle: true,
        parts: [
          { item: 'r1' },
          { item: 'r2' },
          { section: { id: 'cas', title: { fr: 'Cas' }, select: 1, parts: [{ item: 'r3' }, { item: 'r4' }] } },
        ],
      },
    ]);
  });

  it('keeps the weights (the one the outcome processing applies) and which item does not shuffle', () => {
    const byId = new Map(def.content.items.map((i) => [i.id, i]));
    expect(byId.get('s1')!.weight).toBe(2);
    expect(byId.get('r4')!.weight).toBe(0.5);
    expect(byId.get('s2')!.weight).toBeUndefined();
    expect(def.shuffleChoices).toBe(true);
    expect(def.content.items.filter((i) => i.shuffle === false).map((i) => i.id)).toEqual(['r1']);
  });

  it('draws per section and orders per section; the paper stays a flat list', () => {
    const seen = { firstTwo: new Set<string>(), cas: new Set<string>(), orders: new Set<string>() };
    for (let seed = 1; seed <= 60; seed++) {
      const paper = drawPaper(def.content, def, seeded(seed));
      const got = paper.items.map((i) => i.id);
      expect(got).toHaveLength(5);
      // Signalisation first: two of its three, in the section's order.
      const sig = got.slice(0, 2);
      expect(sig.every((id) => ['s1', 's2', 's3'].includes(id))).toBe(true);
      expect([...sig].sort()).toEqual(sig);
      // Then Règles: r1, r2 and one item of « Cas », in any order.
      const rest = got.slice(2);
      expect(rest.filter((id) => id === 'r1' || id === 'r2').sort()).toEqual(['r1', 'r2']);
      expect(rest.filter((id) => id === 'r3' || id === 'r4')).toHaveLength(1);
      seen.firstTwo.add(sig.join());
      seen.cas.add(rest.find((id) => id === 'r3' || id === 'r4')!);
      seen.orders.add(rest.join());
      // r1 never has its choices shuffled; the exam shuffles the others'.
      expect(paper.items.find((i) => i.id === 'r1')!.choiceOrder).toEqual(['A', 'B', 'C']);
    }
    expect(seen.firstTwo.size).toBe(3);
    expect(seen.cas.size).toBe(2);
    expect(seen.orders.size).toBeGreaterThan(2);
  });

  it('scores a weighted item weight times (score and points)', () => {
    const paper = { items: ['s1', 's2', 'r1', 'r2', 'r4'].map((id) => ({ id, choiceOrder: ['A', 'B', 'C'] })) };
    // s1 (×2) right, r4 (×0.5) right, s2 wrong: 2 + 0.5 of 2 + 1 + 1 + 1 + 0.5.
    const r = scorePaper(def.content, paper, { s1: ['A'], r4: ['A'], s2: ['B'] }, 50);
    expect(r.points).toBe(2.5);
    expect(r.maxPoints).toBe(5.5);
    expect(r.items.find((i) => i.id === 's1')).toMatchObject({ points: 2, maxPoints: 2 });
    expect(r.percentage).toBe(45.45);
    expect(r.outcome).toBe('failed');
  });

  it('round trips exactly through QTI 3.0, QTI 2.1, YAML and JSON', () => {
    for (const [name, bytes] of [
      ['a.zip', exportQti(def, '3.0')],
      ['b.zip', exportQti(def, '2.1')],
      ['c.yaml', Buffer.from(exportYaml(def))],
      ['d.json', Buffer.from(exportJson(def))],
    ] as const) {
      const back = readExamDefinition({ name, bytes });
      expect(back.content).toEqual(def.content);
      expect(back.shuffleChoices).toBe(true);
      expect(sameDefinition(back, def)).toBe(true);
    }
  });

  it('writes the weight on the reference and applies it in the outcome processing', () => {
    const xml = zipText(exportQti(def, '2.1'), 'assessment.xml');
    expect(xml).toContain('<weight identifier="W" value="2"/>');
    expect(xml).toContain('weightIdentifier="W"');
  });

  it('leaves an exam without sections as it was: one section, the exam’s own draw and order', () => {
    const flat: ExamDefinition = { ...def, content: { items: def.content.items }, drawCount: 3, shuffleItems: true };
    for (const i of flat.content.items) delete i.weight;
    const back = readExamDefinition({ name: 'flat.zip', bytes: exportQti(flat, '3.0') });
    expect(back.content.sections).toBeUndefined();
    expect(back.drawCount).toBe(3);
    expect(back.shuffleItems).toBe(true);
    expect(zipText(exportQti(flat, '3.0'), 'assessment.xml')).not.toContain('weight');
  });
});

describe('QTI conformance: packages of several tests, and of items without a test', () => {
  it('imports each test of a package as its own exam', () => {
    const defs = readExamDefinitions({
      name: 'deux.zip',
      bytes: pack(ids.slice(0, 7), { 'a.xml': 'EXAMEN-A', 'b.xml': 'EXAMEN-B' }),
    });
    expect(defs.map((d) => d.code)).toEqual(['EXAMEN-A', 'EXAMEN-B']);
    expect(defs[1]!.content.items).toHaveLength(7);
  });

  it('refuses two tests with one code, naming it', () => {
    const problems = problemsOf(() =>
      readExamDefinitions(
        { name: 'double.zip', bytes: pack(ids.slice(0, 7), { 'a.xml': 'X', 'b.xml': 'X' }) },
        { lang: 'en' },
      ),
    );
    expect(problems.join('\n')).toContain('two tests have the code « X »');
  });

  it('refuses a bank as an exam, saying to import it into a training’s bank', () => {
    const problems = problemsOf(() => readExamDefinitions({ name: 'banque.zip', bytes: pack(ids) }, { lang: 'en' }));
    expect(problems.join('\n')).toMatch(/no assessment test: it is an item bank.*bank import/);
  });

  it('reads a bank’s items, each checked as an exam’s; shuffle="false" kept only when the item says it', () => {
    const problems = new ProblemList('banque.zip');
    const read = readQtiBank(pack(ids), 'banque.zip', problems);
    expect(problems.problems).toEqual([]);
    expect(read!.map((i) => i.id)).toEqual(ids);
    expect(read!.filter((i) => i.shuffle === false).map((i) => i.id)).toEqual(['r1']);
  });

  it('refuses a bank with a broken item, naming the file and the item', () => {
    const problems = new ProblemList('banque.zip');
    const broken = pack(['s1']);
    const files = zipSync({
      ...unzipSync(broken),
      'items/s1.xml': strToU8(
        items.s1!.replace(
          '<qti-correct-response><qti-value>A</qti-value>',
          '<qti-correct-response><qti-value>Z</qti-value>',
        ),
      ),
    });
    expect(readQtiBank(files, 'banque.zip', problems)).toBeNull();
    expect(problems.problems[0]).toMatchObject({ item: 's1', field: 'correct' });
  });
});
