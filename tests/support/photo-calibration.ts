/**
 * Runs the photo checks over the labelled calibration set (tests/fixtures/photos/labels.json) and counts, per
 * criterion, how many expected verdicts the checker matched. Used by scripts/photo-calibration.ts and by the
 * calibration test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzePhoto, type PhotoAnalysis } from '../../src/server/modules/photo-checks/photo-checks.service.js';
import type { Rect } from '../../src/server/modules/photo-checks/pixels.js';
import { CRITERIA, type Criterion, type VerdictStatus } from '../../src/server/modules/photo-checks/verdicts.js';

export const FIXTURES = 'tests/fixtures/photos';

export interface CalibrationCase {
  file: string;
  crop?: Rect;
  note: string;
  expected: Partial<Record<Criterion, VerdictStatus>>;
}

export type Outcome = VerdictStatus | 'missing';

export interface CaseResult {
  case: CalibrationCase;
  analysis: PhotoAnalysis;
  /** Per labelled criterion: what the checker said. */
  got: Partial<Record<Criterion, Outcome>>;
}

export function loadCases(): CalibrationCase[] {
  return (JSON.parse(readFileSync(path.join(FIXTURES, 'labels.json'), 'utf8')) as { cases: CalibrationCase[] }).cases;
}

export async function runCase(c: CalibrationCase): Promise<CaseResult> {
  const analysis = await analyzePhoto(null, readFileSync(path.join(FIXTURES, c.file)), c.crop);
  const got: CaseResult['got'] = {};
  for (const criterion of Object.keys(c.expected) as Criterion[])
    got[criterion] = analysis.verdicts.find((v) => v.criterion === criterion)?.status ?? 'missing';
  return { case: c, analysis, got };
}

const runs = new Map<string, Promise<CaseResult>>();

/**
 * runCase, once per case and process: the calibration test's per-picture tests and its 90 % gate both ask for
 * it, so the gate can run alone (it computes what is missing) and a full run analyses each picture once.
 */
export function resultOf(c: CalibrationCase): Promise<CaseResult> {
  const key = JSON.stringify([c.file, c.crop ?? null]);
  let run = runs.get(key);
  if (!run) {
    run = runCase(c);
    runs.set(key, run);
  }
  return run;
}

const STATUSES: VerdictStatus[] = ['pass', 'to_check', 'fail'];

export interface CriterionScore {
  criterion: Criterion;
  total: number;
  right: number;
  /** confusion[expected][got] */
  confusion: Record<VerdictStatus, Record<Outcome, number>>;
}

export function score(results: CaseResult[]): CriterionScore[] {
  const out: CriterionScore[] = [];
  for (const criterion of CRITERIA) {
    const confusion = Object.fromEntries(
      STATUSES.map((e) => [e, { pass: 0, to_check: 0, fail: 0, missing: 0 }]),
    ) as CriterionScore['confusion'];
    let total = 0;
    let right = 0;
    for (const r of results) {
      const expected = r.case.expected[criterion];
      if (!expected) continue;
      const got = r.got[criterion] ?? 'missing';
      confusion[expected][got]++;
      total++;
      if (got === expected) right++;
    }
    if (total) out.push({ criterion, total, right, confusion });
  }
  return out;
}

export function formatTable(scores: CriterionScore[]): string {
  const head = 'criterion       cases right   %   | expected → got: pass / to_check / fail / missing';
  const lines = scores.map((s) => {
    const pct = ((100 * s.right) / s.total).toFixed(0).padStart(3);
    const rows = STATUSES.filter((e) => Object.values(s.confusion[e]).some((n) => n > 0))
      .map(
        (e) =>
          `${e}: ${s.confusion[e].pass}/${s.confusion[e].to_check}/${s.confusion[e].fail}/${s.confusion[e].missing}`,
      )
      .join('  ');
    return `${s.criterion.padEnd(15)} ${String(s.total).padStart(5)} ${String(s.right).padStart(5)} ${pct} | ${rows}`;
  });
  return [head, ...lines].join('\n');
}
