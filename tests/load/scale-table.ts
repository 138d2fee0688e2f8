/** The rows of `npm run bench:scale` (bench-scale.ts), their verdict and the two printed tables. */
import type { Bare } from './scale-measure.js';

export interface ScaleRow {
  label: string;
  learners: number;
  operators: number;
  /** Load average (1, 5, 15 min) when the row began → when it ended. */
  load: string;
  started: string;
  startP99: number;
  startFailed: number;
  saves: number;
  saveP50: number;
  saveP99: number;
  /** Saves sent again to the other instance after a kill (not in the latency figures). */
  failovers: number;
  opPushP95: number;
  learnerPushP95: number;
  learnerPushSamples: number;
  learnerPushMissing: number;
  rssMaxMb: number;
  /** Steady phase: the server's event loop on a CPU, and waiting for one (% of the time). */
  loopOnCpuPct: number;
  loopWaitPct: number;
  /** The server's RSS once started, before any learner. */
  rssIdleMb: number;
  errors: number;
  errorNote: string;
  /** Acknowledged answers not found in the database at the end. */
  lost: number;
  startCpuUs: number;
  startPgUs: number;
  /** From the cost phases (scale-costs.ts), each activity alone: NaN when nothing was counted. */
  saveCpuUs: number;
  savePgUs: number;
  /** Saves of the « saves alone » phase. */
  savesAlone: number;
  pushCpuUs: number;
  pushed: number;
  learnerCpuMsPerMin: number;
  /** The PostgreSQL backends' CPU per connected learner-minute (their heartbeats, the hub's comparisons). */
  learnerPgMsPerMin: number;
  /** The push channel alone, no request (pings, comparisons, session checks): µs per connection-minute. */
  channelUsPerMin: number;
  learnerKb: number;
  /** KB per operator's live list, or « < x » below what RSS resolves. */
  operatorKb: string;
  heartbeats: number;
  bare: Bare;
  verdict?: string;
}

export function verdictOf(r: ScaleRow): string {
  const [n, of] = r.started.split('/').map(Number);
  const fails = [
    n !== of || r.startFailed > 0 ? 'not all started' : '',
    r.startP99 >= 2000 ? 'start p99 ≥ 2 s' : '',
    !(r.saveP99 < 50) ? 'save p99 ≥ 50 ms' : '',
    !(r.opPushP95 < 250) ? 'list push p95 ≥ 250 ms' : '',
    !(r.learnerPushP95 < 250) || r.learnerPushMissing > 0 ? 'learner push' : '',
    r.rssMaxMb >= 1024 ? 'RSS ≥ 1 GB' : '',
    r.errors > 0 ? `errors (${r.errorNote})` : '',
    r.lost > 0 ? `${r.lost} acknowledged answers lost` : '',
  ].filter(Boolean);
  return fails.length ? `FAIL: ${fails.join(', ')}` : 'PASS';
}

function table(head: string[], body: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const b of body) console.log(line(b));
}

const x = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

export function printScaleTables(rows: ScaleRow[]) {
  for (const r of rows) r.verdict = verdictOf(r);
  console.log(
    '\nLatency (goals: all started, start p99 < 2 s, save p99 < 50 ms, push p95 < 250 ms, RSS < 1 GB, no error):\n',
  );
  table(
    [
      'row',
      'learners',
      'ops',
      'load avg start → end',
      'started',
      'start p99',
      'saves',
      'save p50/p99',
      'list push p95',
      'learner push p95 (n)',
      'loop on CPU / waiting %',
      'RSS idle → max MB',
      'errors',
      'lost',
      'bare p99',
      'save p99 ÷ bare',
      'verdict',
    ],
    rows.map((r) =>
      [
        r.label,
        r.learners,
        r.operators,
        r.load,
        r.started,
        r.startP99,
        `${r.saves}${r.failovers ? ` (${r.failovers} failed over)` : ''}`,
        `${r.saveP50}/${r.saveP99}`,
        r.opPushP95,
        `${r.learnerPushP95} (${r.learnerPushSamples}${r.learnerPushMissing ? `, ${r.learnerPushMissing} missing` : ''})`,
        `${r.loopOnCpuPct} / ${r.loopWaitPct}`,
        `${r.rssIdleMb} → ${r.rssMaxMb}`,
        r.errors,
        r.lost,
        r.bare.p99,
        x(r.saveP99, r.bare.p99),
        r.verdict!,
      ].map(String),
    ),
  );
  console.log(
    '\nCost (server process CPU; PG: the backends of the bench database; saves and pushes each measured alone,' +
      ' idle to idle — upper bounds; « ÷ bare »: in bare inserts of the same run):\n',
  );
  const pg = (r: ScaleRow, v: number) => (r.label.startsWith('postgres') ? String(v) : '–');
  table(
    [
      'row',
      'learners',
      'CPU/start µs',
      'PG/start µs',
      'CPU/save µs (n)',
      'PG/save µs',
      'CPU/pushed event µs (n)',
      'CPU/learner-minute ms',
      'PG/learner-minute ms',
      'push channel alone µs/min',
      'KB/learner (all in)',
      'KB/operator stream',
      'bare CPU µs/insert',
      'start ÷ bare',
      'save ÷ bare',
      'pushed event ÷ bare',
      'learner-minute ÷ bare',
      'bare req/s',
    ],
    rows.map((r) =>
      [
        r.label,
        r.learners,
        r.startCpuUs,
        pg(r, r.startPgUs),
        `${r.saveCpuUs} (${r.savesAlone})`,
        pg(r, r.savePgUs),
        `${r.pushCpuUs} (${r.pushed})`,
        r.learnerCpuMsPerMin,
        pg(r, r.learnerPgMsPerMin),
        r.channelUsPerMin,
        r.learnerKb,
        r.operatorKb,
        r.bare.cpuUs,
        x(r.startCpuUs, r.bare.cpuUs),
        x(r.saveCpuUs, r.bare.cpuUs),
        x(r.pushCpuUs, r.bare.cpuUs),
        x(r.learnerCpuMsPerMin * 1000, r.bare.cpuUs),
        r.bare.rps,
      ].map(String),
    ),
  );
}
