/**
 * The live list's speed (part of `npm run bench`, or alone: `npx tsx tests/load/bench-live.ts`):
 * latency from a learner's answer to the operator's screen receiving it, with 50 operators watching
 * the room (50 server-sent-events streams) while 500 learners answer.
 *
 * Each learner saves an answer every 2 s (about ten times a real room's pace), with a heartbeat every 15 s,
 * one request in flight at a time, through the real routes. Each operator's stream is read as it arrives;
 * a sample is the time from the learner's PUT being sent to the row carrying that save (its sequence number)
 * reaching one operator's stream — so 50 samples per answer, the save's own time included.
 * Goal: p95 < 250 ms, on one instance (SQLite, PostgreSQL) and across two instances on PostgreSQL
 * (learners on instance A, operators on instance B: every answer crosses through LISTEN/NOTIFY).
 *
 * Servers run as their own processes (`npx tsx src/server/main.ts`); the learners and operators are
 * simulated in this process; everything on the same machine, over HTTP on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { Agent } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { migrateToLatest, openDatabase } from '../../src/server/db/index.js';
import { createSession } from '../../src/server/modules/accounts/sessions.service.js';
import { benchPgBase, pgReachable, scratchPgDatabase } from '../support/databases.js';
import { makeExamRoom, type Seat } from '../support/exam-room.js';
import { makeOperator } from '../support/factories.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { learnerRequest, percentile } from './load-support.js';

const LEARNERS = Number(process.env.BENCH_LIVE_LEARNERS ?? 500);
const OPERATORS = Number(process.env.BENCH_LIVE_OPERATORS ?? 50);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 20);
const ANSWER_EVERY_MS = Number(process.env.BENCH_LIVE_ANSWER_MS ?? 2000);
const HEARTBEAT_EVERY_MS = 15_000;
const WARMUP_MS = 3000;
const GOAL_P95_MS = 250;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const ITEMS = [
  ['q1', ['a']],
  ['q2', ['true']],
  ['q3', ['a', 'b']],
  ['q4', ['a', 'b', 'd']],
  ['q5', ['b']],
] as const;

export interface LiveRow {
  scenario: string;
  saves: number;
  saveErrors: number;
  samples: number;
  missing: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The save alone (PUT sent → acknowledged), p95. */
  saveP95: number;
  /** The live path alone (save acknowledged → row on the operator's stream), p95. */
  fanoutP95: number;
  verdict: string;
}

const pct = (sorted: number[], p: number) => Math.round(percentile(sorted, p));

interface Prepared {
  dataDir: string;
  pgUrl?: string;
  seats: Seat[];
  operatorCookies: string[];
  drop(): Promise<void>;
}

async function prepare(kind: 'sqlite' | 'postgres'): Promise<Prepared> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `vigie-bench-live-${kind}-`));
  const scratch =
    kind === 'postgres' ? await scratchPgDatabase(benchPgBase(), `vigie_bench_live_${process.pid}`) : null;
  const pgUrl = scratch?.url;
  const handle = openDatabase({ databaseUrl: pgUrl, dataDir });
  await migrateToLatest(handle.db);
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, VIGIE_SECRET: SECRET });
  const { app, ctx } = await buildApp({ config, database: handle });
  const { seats, servicePointId } = await makeExamRoom(ctx, LEARNERS, { durationMinutes: 120 });
  const operatorCookies: string[] = [];
  for (let i = 0; i < OPERATORS; i++) {
    const op = await makeOperator(ctx, servicePointId);
    const { token } = await createSession(ctx, op.id, false, '127.0.0.1');
    operatorCookies.push(`vigie_sid=${token}`);
  }
  await app.close();
  await handle.close();
  return {
    dataDir,
    pgUrl,
    seats,
    operatorCookies,
    async drop() {
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function run(scenario: string, learnersAt: string, operatorsAt: string, p: Prepared): Promise<LiveRow> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  // « Commencer » for every learner first (not measured here: bench.ts measures it).
  for (let i = 0; i < p.seats.length; i += 50)
    await Promise.all(
      p.seats.slice(i, i + 50).map(async (seat) => {
        const status = await learnerRequest(
          agent,
          `${learnersAt}/api/attempts/${seat.attemptId}/start`,
          seat,
          'POST',
          '{}',
        );
        if (status !== 200) throw new Error(`start ${seat.attemptId}: ${status}`);
      }),
    );

  // The operators, in a worker thread (live-watchers.ts): their streams open before the learners start.
  // The worker loads TypeScript as this process does (tsx registered in its own thread).
  const script = new URL('./live-watchers.ts', import.meta.url).href;
  const watchers = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`,
    { eval: true, workerData: { url: `${operatorsAt}/api/desk/live`, cookies: p.operatorCookies } },
  );
  const failed = new Promise<never>((_, reject) => watchers.once('error', reject));
  const next = () => Promise.race([failed, once(watchers, 'message').then(([m]) => m as Record<string, unknown>)]);
  await next(); // ready

  // When each measured save was sent and acknowledged (absolute ms, as the worker's), by attempt.
  const abs = () => performance.timeOrigin + performance.now();
  const sentAt = new Map<string, Map<number, number>>();
  const ackedAt = new Map<string, Map<number, number>>();
  const saveTimes: number[] = [];
  let measuring = false;
  let saves = 0;
  let saveErrors = 0;
  let measuredSaves = 0;
  const stopAt = performance.now() + SECONDS * 1000;
  setTimeout(() => (measuring = true), WARMUP_MS);
  await Promise.all(
    p.seats.map(async (seat) => {
      const sends = new Map<number, number>();
      const acks = new Map<number, number>();
      sentAt.set(seat.attemptId, sends);
      ackedAt.set(seat.attemptId, acks);
      let seq = 0;
      let nextBeat = performance.now() + Math.random() * HEARTBEAT_EVERY_MS;
      // Learners start out of step, as a room does.
      await new Promise((r) => setTimeout(r, Math.random() * ANSWER_EVERY_MS));
      while (performance.now() < stopAt) {
        const began = performance.now();
        const [itemId, choiceIds] = ITEMS[seq % ITEMS.length]!;
        seq++;
        const measured = measuring;
        const t0 = abs();
        if (measured) sends.set(seq, t0);
        const status = await learnerRequest(
          agent,
          `${learnersAt}/api/attempts/${seat.attemptId}/answers/${itemId}`,
          seat,
          'PUT',
          JSON.stringify({ choiceIds, flagged: false, seq }),
        );
        saves++;
        if (status !== 200) saveErrors++;
        else if (measured) {
          measuredSaves++;
          const t1 = abs();
          acks.set(seq, t1);
          saveTimes.push(t1 - t0);
        }
        if (performance.now() >= nextBeat) {
          nextBeat += HEARTBEAT_EVERY_MS;
          await learnerRequest(agent, `${learnersAt}/api/attempts/${seat.attemptId}/heartbeat`, seat, 'POST', '{}');
        }
        const wait = ANSWER_EVERY_MS - (performance.now() - began);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );
  // Let the last rows arrive, then collect what each operator saw.
  await new Promise((r) => setTimeout(r, 1000));
  watchers.postMessage('stop');
  const { arrivals } = (await next()) as { arrivals: (string | number)[][] };
  await watchers.terminate();
  agent.destroy();

  const samples: number[] = [];
  const afterAck: number[] = [];
  for (const stream of arrivals)
    for (let i = 0; i < stream.length; i += 3) {
      const attempt = stream[i] as string;
      const seq = stream[i + 1] as number;
      const at = stream[i + 2] as number;
      const t0 = sentAt.get(attempt)?.get(seq);
      const t1 = ackedAt.get(attempt)?.get(seq);
      if (t0 === undefined || t1 === undefined) continue;
      samples.push(at - t0);
      afterAck.push(Math.max(0, at - t1));
    }
  samples.sort((a, b) => a - b);
  saveTimes.sort((a, b) => a - b);
  afterAck.sort((a, b) => a - b);
  const expected = measuredSaves * p.operatorCookies.length;
  const p95 = pct(samples, 0.95);
  const missing = Math.max(0, expected - samples.length);
  const ok = p95 < GOAL_P95_MS && missing === 0 && saveErrors === 0;
  return {
    scenario,
    saves,
    saveErrors,
    samples: samples.length,
    missing,
    p50: pct(samples, 0.5),
    p95,
    p99: pct(samples, 0.99),
    max: Math.round(samples.at(-1) ?? NaN),
    saveP95: pct(saveTimes, 0.95),
    fanoutP95: pct(afterAck, 0.95),
    verdict: `${ok ? 'PASS' : 'FAIL'} (p95 < ${GOAL_P95_MS} ms, every save seen by every operator)`,
  };
}

async function scenario(kind: 'sqlite' | 'postgres', instances: 1 | 2): Promise<LiveRow> {
  const label = `${kind}, ${instances === 1 ? 'one instance' : 'learners on A, operators on B'}`;
  process.stdout.write(`live: ${label}: preparing ${LEARNERS} learners and ${OPERATORS} operators… `);
  const p = await prepare(kind);
  console.log('done');
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < instances; i++)
      servers.push(await startServer({ dataDir: p.dataDir, databaseUrl: p.pgUrl, secret: SECRET }));
    const a = servers[0]!;
    const b = servers[instances - 1]!;
    return await run(label, a.url, b.url, p);
  } finally {
    for (const s of servers) await s.kill('SIGTERM');
    await p.drop();
  }
}

export function printLiveTable(rows: LiveRow[]) {
  const head = [
    'scenario',
    'saves',
    'errors',
    'samples',
    'missing',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'save p95',
    'ack→screen p95',
    'verdict',
  ];
  const body = rows.map((r) =>
    [
      r.scenario,
      r.saves,
      r.saveErrors,
      r.samples,
      r.missing,
      r.p50,
      r.p95,
      r.p99,
      r.max,
      r.saveP95,
      r.fanoutP95,
      r.verdict,
    ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const b of body) console.log(line(b));
}

/** Runs the three scenarios (PostgreSQL ones when reachable) and prints the table; true when all pass. */
export async function benchLive(): Promise<boolean> {
  console.log(
    `\nLive list: ${OPERATORS} operators' streams, ${LEARNERS} learners saving an answer every ${ANSWER_EVERY_MS} ms ` +
      `for ${SECONDS} s (first ${WARMUP_MS / 1000} s not measured); latency = PUT sent → row on an operator's stream.`,
  );
  // BENCH_LIVE_ONLY=sqlite,postgres,postgres2 picks scenarios (all by default).
  const only = process.env.BENCH_LIVE_ONLY?.split(',');
  const wanted = (name: string) => !only || only.includes(name);
  const rows: LiveRow[] = [];
  if (wanted('sqlite')) rows.push(await scenario('sqlite', 1));
  if (await pgReachable(benchPgBase())) {
    if (wanted('postgres')) rows.push(await scenario('postgres', 1));
    if (wanted('postgres2')) rows.push(await scenario('postgres', 2));
  } else console.log('PostgreSQL not reachable: skipped (set BENCH_DATABASE_URL).');
  console.log('');
  printLiveTable(rows);
  return rows.every((r) => r.verdict.startsWith('PASS'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ok = await benchLive();
  if (!ok) process.exitCode = 1;
}
