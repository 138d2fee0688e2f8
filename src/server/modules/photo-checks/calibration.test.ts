import { describe, expect, it } from 'vitest';
import { formatTable, loadCases, resultOf, score } from '../../../../tests/support/photo-calibration.js';

/**
 * The labelled calibration set (tests/fixtures/photos, made by scripts/make-photo-fixtures.ts): the verdicts per
 * picture, and each criterion right on at least 90 % of its cases (the gate of issue 7). Each test stands alone: the
 * gate does not read what the per-picture tests left behind, it asks for every result (each picture is analysed
 * once per run, whichever test asks first).
 */
describe('photo checks on the calibration set', () => {
  const cases = loadCases();

  it('has labelled cases for every criterion', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  it.each(cases.map((c, i) => [`${c.file}${c.crop ? ' (crop)' : ''} — ${c.note}`, i] as const))(
    '%s',
    async (_name, i) => {
      const r = await resultOf(cases[i]!);
      // A picture must always come back with verdicts (never an error), starting with the face count.
      expect(r.analysis.verdicts[0]?.criterion).toBe('one_face');
      // Per-picture misses are allowed (the gate is per criterion, below); they are listed in the table's output.
    },
    30_000,
  );

  it('is right on at least 90 % of the cases of each criterion', async () => {
    // One after the other, as the per-picture tests do: the analysis is heavy, and the machine is shared.
    const results = [];
    for (const c of cases) results.push(await resultOf(c));
    const scores = score(results);
    console.log(formatTable(scores));
    for (const s of scores)
      expect(s.right / s.total, `${s.criterion}: ${s.right}/${s.total}`).toBeGreaterThanOrEqual(0.9);
    // Every criterion of IDENTITY.md §4 is covered by the set.
    expect(scores.map((s) => s.criterion).sort()).toEqual([
      'background',
      'centring',
      'colour',
      'dark_glasses',
      'exposure',
      'eyes_open',
      'glare',
      'head_in_frame',
      'head_size',
      'lighting',
      'mouth_closed',
      'one_face',
      'pose',
      'resolution',
      'sharpness',
    ]);
  }, 600_000); // run alone, it analyses all the pictures itself
});
