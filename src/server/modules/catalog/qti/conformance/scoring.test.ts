import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../errors.js';
import { sameDefinition } from '../../exam-definition.js';
import { readExamDefinition } from '../../exams.service.js';
import { exportJson, exportYaml } from '../../export-yaml.js';
import { problemMessages } from '../../import-problems.js';
import { scoreItem } from '../../scoring.js';
import { exportQti } from '../export-qti.js';
import { qti3Package } from './package.test-support.js';
import { PROCESSING_REFUSALS, SCORING_TABLE } from './scoring-table.js';

/** The conformance suite, part 2: each item scores by its own response processing (scoring-table.ts). */
const definition = () => readExamDefinition({ name: 'bareme.zip', bytes: qti3Package(SCORING_TABLE) }, { lang: 'en' });

describe('QTI conformance: scoring by the item’s own response processing', () => {
  const def = definition();
  const byId = new Map(def.content.items.map((i) => [i.id, i]));

  for (const row of SCORING_TABLE)
    describe(row.id, () => {
      it(`has ${row.points} point(s)`, () => expect(byId.get(row.id)!.points).toBe(row.points));
      for (const c of row.cases)
        it(`[${c.chosen.join(', ')}] scores ${c.score}: ${c.why}`, () =>
          expect(scoreItem(byId.get(row.id)!, c.chosen)).toBe(c.score));
    });

  it('keeps the scoring through QTI 3.0, QTI 2.1, YAML and JSON exports (round trips exact)', () => {
    const back = [
      readExamDefinition({ name: 'a.zip', bytes: exportQti(def, '3.0') }, { lang: 'en' }),
      readExamDefinition({ name: 'b.zip', bytes: exportQti(def, '2.1') }, { lang: 'en' }),
      readExamDefinition({ name: 'c.yaml', bytes: Buffer.from(exportYaml(def)) }, { lang: 'en' }),
      readExamDefinition({ name: 'd.json', bytes: Buffer.from(exportJson(def)) }, { lang: 'en' }),
    ];
    for (const other of back) {
      expect(other.content.items).toEqual(def.content.items);
      expect(sameDefinition(other, def)).toBe(true);
    }
  });

  it('refuses an item whose processing is outside the subset, naming the operator or the template', () => {
    for (const r of PROCESSING_REFUSALS) {
      let problems: string[] = [];
      try {
        readExamDefinition({ name: 'refus.zip', bytes: qti3Package([r]) }, { lang: 'en' });
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        problems = problemMessages(err as DomainError);
      }
      expect(problems, r.id).toHaveLength(1);
      expect(problems[0]).toContain(`refus.zip/items/${r.id}.xml, item ${r.id}, responseProcessing: ${r.reason}`);
    }
  });
});
