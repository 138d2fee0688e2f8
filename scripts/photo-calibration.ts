/**
 * Per-criterion confusion table of the photo checks on the labelled calibration set; exits 1 when a criterion is
 * right on fewer than 90 % of its cases.
 *
 *   npx tsx scripts/photo-calibration.ts [--misses]
 */
import { formatTable, loadCases, runCase, score, type CaseResult } from '../tests/support/photo-calibration.js';

const MIN_RIGHT = 0.9;
const showMisses = process.argv.includes('--misses');

const results: CaseResult[] = [];
for (const c of loadCases()) results.push(await runCase(c));
const scores = score(results);
console.log(formatTable(scores));

if (showMisses) {
  console.log('\nmisses:');
  for (const r of results)
    for (const [criterion, expected] of Object.entries(r.case.expected)) {
      const got = r.got[criterion as keyof typeof r.got];
      if (got !== expected) {
        const v = r.analysis.verdicts.find((x) => x.criterion === criterion);
        console.log(
          `  ${r.case.file}${r.case.crop ? ' (crop)' : ''} ${criterion}: expected ${expected}, got ${got} ${JSON.stringify(v?.value ?? null)} — ${r.case.note}`,
        );
      }
    }
}

const failing = scores.filter((s) => s.right / s.total < MIN_RIGHT);
if (failing.length) {
  console.error(`\nUnder ${MIN_RIGHT * 100} % right: ${failing.map((s) => s.criterion).join(', ')}`);
  process.exit(1);
}
console.log(`\nEvery criterion right on at least ${MIN_RIGHT * 100} % of its cases (${results.length} cases).`);
