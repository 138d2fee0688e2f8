/**
 * Per-criterion confusion table of the photo checks on the labelled calibration set; exits 1 when a criterion is
 * right on fewer than 90 % of its cases.
 *
 *   npx tsx scripts/photo-calibration.ts [--misses] [--write-doc]
 *
 * --write-doc writes the table into docs/photo-checks.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import prettier from 'prettier';
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

if (process.argv.includes('--write-doc')) {
  const doc = 'docs/photo-checks.md';
  const misses = results.flatMap((r) =>
    Object.entries(r.case.expected)
      .filter(([criterion, expected]) => r.got[criterion as keyof typeof r.got] !== expected)
      .map(([criterion, expected]) => {
        const v = r.analysis.verdicts.find((x) => x.criterion === criterion);
        return `- \`${r.case.file}\`${r.case.crop ? ' (crop)' : ''}, ${criterion}: expected ${expected}, got ${r.got[criterion as keyof typeof r.got]} (${JSON.stringify(v?.value ?? null)}) — ${r.case.note}`;
      }),
  );
  const body = [
    `${results.length} cases on ${new Set(results.map((r) => r.case.file)).size} pictures, ${new Date().toISOString().slice(0, 10)}:`,
    '',
    '```',
    formatTable(scores),
    '```',
    '',
    misses.length ? 'Misses:\n\n' + misses.join('\n') : 'No miss.',
  ].join('\n');
  const text = readFileSync(doc, 'utf8').replace(
    /(<!-- calibration:start -->)[\s\S]*?(<!-- calibration:end -->)/,
    `$1\n${body}\n$2`,
  );
  writeFileSync(doc, await prettier.format(text, { ...((await prettier.resolveConfig(doc)) ?? {}), filepath: doc }));
  console.log(`Table written to ${doc}.`);
}

const failing = scores.filter((s) => s.right / s.total < MIN_RIGHT);
if (failing.length) {
  console.error(`\nUnder ${MIN_RIGHT * 100} % right: ${failing.map((s) => s.criterion).join(', ')}`);
  process.exit(1);
}
console.log(`\nEvery criterion right on at least ${MIN_RIGHT * 100} % of its cases (${results.length} cases).`);
