/** `npm run bench`'s table: one row per database and test, with its verdict. */
import type autocannon from 'autocannon';

export interface Row {
  database: string;
  test: string;
  requests: number;
  errors: number;
  throughput: number;
  p50: number;
  p99: number;
  /** CPU time the server process used per request (µs): what the code costs, whatever else runs. */
  cpuPerRequest: number;
  /** CPU time PostgreSQL's processes used per request (µs), on the PostgreSQL rows. */
  pgCpuPerRequest: number | null;
  verdict: string;
}

/** What the errors were: socket errors, timeouts (10 s), and each non-2xx status. */
function errorNote(r: autocannon.Result): string {
  const parts = [
    r.errors ? `${r.errors} socket errors` : '',
    r.timeouts ? `${r.timeouts} timeouts` : '',
    ...Object.entries(r.statusCodeStats)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, s]) => `${s.count} × ${code}`),
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** One row of the table from an autocannon result and the CPU measured around it. */
export function row(
  database: string,
  test: string,
  r: autocannon.Result & { cpuPerRequest: number; pgCpuPerRequest: number },
  verdict = '',
): Row {
  const errors = r.errors + r.timeouts + r.non2xx;
  verdict += errorNote(r);
  return {
    database,
    test,
    requests: r.requests.total,
    errors,
    throughput: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuPerRequest: r.cpuPerRequest,
    pgCpuPerRequest: database === 'postgres' ? r.pgCpuPerRequest : null,
    verdict,
  };
}

/** The rows as a Markdown table (BENCHMARKS.md takes it as it is). */
export function printTable(rows: Row[]) {
  const head = [
    'database',
    'test',
    'requests',
    'errors',
    'req/s',
    'p50 ms',
    'p99 ms',
    'server CPU µs/req',
    'PostgreSQL CPU µs/req',
    'verdict',
  ];
  const body = rows.map((r) =>
    [
      r.database,
      r.test,
      r.requests,
      r.errors,
      r.throughput,
      r.p50,
      r.p99,
      r.cpuPerRequest,
      r.pgCpuPerRequest ?? '–',
      r.verdict,
    ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const b of body) console.log(line(b));
}
