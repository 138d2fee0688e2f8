/**
 * `npm run bench`: the exam's speed, measured on this machine, on SQLite and on PostgreSQL.
 *
 * 1. Answer saves through the real route (PUT /api/attempts/:id/answers/:itemId: session check, workstation
 *    cookie, attempt state check, durable write) at 200 concurrent learners, each on its own keep-alive
 *    connection with its own session, workstation and attempt, next to a bare route doing one SQLite insert
 *    (its own process), in the same run — twice: with the app's durability (WAL, synchronous=FULL: an
 *    fsync per commit) and with WAL + synchronous=NORMAL (no fsync per commit: the faster baseline).
 *    Goal: ≥ 1/4 of both bare routes' throughput, p99 < 50 ms.
 * 2. 500 learners pressing « Commencer » at the same moment. Goal: all started, p99 < 1 s.
 * 3. The live list (bench-live.ts): answer saved → 50 operators' screens while 500 learners answer. Goal: p95 < 250 ms.
 *
 * Besides throughput and latency, each row gives the CPU time the server process used per request
 * (/proc, the whole process group; on PostgreSQL the database's own processes are not counted): on a
 * shared machine, throughput follows whatever else runs, while CPU per request is what the code costs.
 *
 * The servers run as their own processes (`npx tsx …`), the load generator (autocannon) in this one,
 * all on the same machine, over HTTP on 127.0.0.1. PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL,
 * else postgres://postgres@127.0.0.1:5432/postgres (a scratch database is created and dropped).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { migrateToLatest, openDatabase, type DbHandle } from '../../src/server/db/index.js';
import { SESSION_CACHE_MS } from '../../src/server/modules/accounts/sessions.service.js';
import { benchPgBase, pgReachable, scratchPgDatabase } from '../support/databases.js';
import { benchLive } from './bench-live.js';
import { printTable, row, type Row } from './bench-table.js';
import { learnerRequest, percentile } from './load-support.js';
import { postgresCpuMs, serversCpuMs } from './scale-measure.js';
import { makeExamRoom, type Seat } from '../support/exam-room.js';
import { startServer, type ServerProcess } from '../support/server-process.js';

const SAVERS = Number(process.env.BENCH_SAVERS ?? 200);
const STARTERS = Number(process.env.BENCH_STARTERS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Which databases to measure (BENCH_DATABASES=sqlite,postgres); BENCH_LIVE=0 skips the live list. */
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const ITEMS = [
  ['q1', ['a']],
  ['q2', ['true']],
  ['q3', ['a', 'b']],
  ['q4', ['a', 'b', 'd']],
  ['q5', ['b']],
] as const;

/**
 * Waits until a freshly started server is idle (under 5 % of a core for a second, 30 s at most): at start-up it
 * loads the photo checks' face models in a worker thread, which a room arriving later never competes with.
 */
async function settled(server: ServerProcess) {
  for (let i = 0; i < 30; i++) {
    const before = serversCpuMs([server]);
    await new Promise((r) => setTimeout(r, 1000));
    if (serversCpuMs([server]) - before < 50) return;
  }
}

/** Runs a load against a server and measures the CPU it used. */
async function measured<T extends { requests: number }>(server: ServerProcess, run: () => Promise<T>) {
  const before = serversCpuMs([server]);
  const pgBefore = postgresCpuMs();
  const result = await run();
  const cpuMs = serversCpuMs([server]) - before;
  const pgMs = postgresCpuMs() - pgBefore;
  const perRequest = (ms: number) => Math.round((ms * 1000) / Math.max(1, result.requests));
  return { result, cpuPerRequest: perRequest(cpuMs), pgCpuPerRequest: perRequest(pgMs) };
}
const rows: Row[] = [];

function answerBody(seq: number) {
  const [itemId, choiceIds] = ITEMS[seq % ITEMS.length]!;
  return { itemId, body: JSON.stringify({ choiceIds, flagged: false, seq }) };
}

const lastSeq = new Map<string, number>();

/** autocannon with one learner per connection: its cookies, its attempt, its own rising sequence number. */
async function saveLoad(url: string, seats: Seat[] | null): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url,
    connections: SAVERS,
    duration: SECONDS,
    setupClient: (client) => {
      const n = next++;
      const seat = seats?.[n % seats.length];
      // Each learner's sequence goes on rising from one run to the next (a lower one would be refused).
      const key = seat?.attemptId ?? `bare${n}`;
      client.setRequests([
        {
          method: 'PUT',
          setupRequest: (req) => {
            const seq = (lastSeq.get(key) ?? 0) + 1;
            lastSeq.set(key, seq);
            const { itemId, body } = answerBody(seq);
            return {
              ...req,
              method: 'PUT',
              path: seat ? `/api/attempts/${seat.attemptId}/answers/${itemId}` : `/bare/learner${n}/${itemId}`,
              headers: {
                'content-type': 'application/json',
                ...(seat ? { cookie: seat.cookie, 'x-csrf-token': seat.csrf } : {}),
              },
              body,
            };
          },
        },
      ]);
    },
  });
}

async function load(server: ServerProcess, seats: Seat[] | null) {
  const m = await measured(server, async () => {
    const r = await saveLoad(server.url, seats);
    return { r, requests: r.requests.total };
  });
  return { ...m.result.r, cpuPerRequest: m.cpuPerRequest, pgCpuPerRequest: m.pgCpuPerRequest };
}

/**
 * Learners at a steady pace, out of step as a room is: each starts at a random moment of its first period,
 * then sends one save every 1/perSecond s on its own keep-alive connection, one at a time (as the page
 * does). Latency counts from the moment a save was due, so a save held up behind a slow one counts its
 * wait too (no coordinated omission).
 */
async function pacedLoad(url: string, seats: Seat[], perSecond: number) {
  const period = 1000 / perSecond;
  const agent = new Agent({ keepAlive: true, maxSockets: seats.length });
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const stopAt = t0 + SECONDS * 1000;
  await Promise.all(
    seats.map(async (seat) => {
      let due = t0 + Math.random() * period;
      while (due < stopAt) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const seq = (lastSeq.get(seat.attemptId) ?? 0) + 1;
        lastSeq.set(seat.attemptId, seq);
        const { itemId, body } = answerBody(seq);
        const status = await learnerRequest(
          agent,
          `${url}/api/attempts/${seat.attemptId}/answers/${itemId}`,
          seat,
          'PUT',
          body,
        );
        latencies.push(performance.now() - due);
        if (status !== 200) errors++;
        due += period;
      }
    }),
  );
  const elapsed = performance.now() - t0;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(10 * percentile(latencies, p)) / 10;
  return {
    requests: latencies.length,
    errors,
    throughput: Math.round((latencies.length / elapsed) * 1000),
    p50: pct(0.5),
    p99: pct(0.99),
  };
}

/** 500 « Commencer » at once, each on its own connection; latency per request. */
/**
 * Before « Commencer », each learner's page shows the exam's intro (GET /api/attempts/:id), 50 at a time on
 * the agent's keep-alive connections. Not timed. The storm then needs 500 connections at once: 50 reused,
 * 450 opened with the click — as browsers whose idle connection the server has closed while the learner
 * read the rules.
 */
async function openIntros(url: string, seats: Seat[], agent: Agent) {
  for (let i = 0; i < seats.length; i += 50)
    await Promise.all(
      seats.slice(i, i + 50).map(
        (seat) =>
          new Promise<void>((resolve, reject) => {
            const req = request(
              `${url}/api/attempts/${seat.attemptId}`,
              { agent, headers: { cookie: seat.cookie } },
              (res) => {
                res.resume();
                res.on('end', () =>
                  res.statusCode === 200 ? resolve() : reject(new Error(`intro ${res.statusCode}`)),
                );
              },
            );
            req.on('error', reject);
            req.end();
          }),
      ),
    );
}

async function startStorm(url: string, seats: Seat[], agent: Agent) {
  const latencies: number[] = [];
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    seats.map(async (seat) => {
      const began = performance.now();
      const status = await learnerRequest(agent, `${url}/api/attempts/${seat.attemptId}/start`, seat, 'POST', '{}');
      latencies.push(performance.now() - began);
      if (status !== 200) failed++;
    }),
  );
  const total = performance.now() - t0;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(percentile(latencies, p));
  return { total, failed, p50: pct(0.5), p99: pct(0.99), max: Math.round(latencies.at(-1)!) };
}

async function benchDatabase(kind: 'sqlite' | 'postgres', bare: Bare) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `vigie-bench-${kind}-`));
  const scratch = kind === 'postgres' ? await scratchPgDatabase(benchPgBase(), `vigie_bench_${process.pid}`) : null;
  const pgUrl = scratch?.url;
  let handle: DbHandle | undefined;
  let app: ServerProcess | undefined;
  try {
    handle = openDatabase({ databaseUrl: pgUrl, dataDir });
    await migrateToLatest(handle.db);
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, VIGIE_SECRET: SECRET });
    const built = await buildApp({ config, database: handle });
    process.stdout.write(`${kind}: preparing ${STARTERS} learners, each at a workstation with an authorized exam… `);
    const { seats } = await makeExamRoom(built.ctx, STARTERS);
    await built.app.close();
    await handle.close();
    handle = undefined;
    console.log('done');

    app = await startServer({ dataDir, databaseUrl: pgUrl, secret: SECRET });
    await settled(app);

    const agent = new Agent({ keepAlive: true, maxSockets: seats.length });
    await openIntros(app.url, seats, agent);
    // A room reads the rules for minutes before « Commencer »: the sessions are no longer in the server's
    // short-lived session cache (SESSION_CACHE_MS) when the storm comes.
    await new Promise((r) => setTimeout(r, SESSION_CACHE_MS + 500));
    const {
      result: storm,
      cpuPerRequest: stormCpu,
      pgCpuPerRequest: stormPgCpu,
    } = await measured(app, async () => ({
      ...(await startStorm(app!.url, seats, agent)),
      requests: seats.length,
    }));
    const check = openDatabase({ databaseUrl: pgUrl, dataDir });
    const started = await check.db
      .selectFrom('attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'in_progress')
      .executeTakeFirstOrThrow();
    await check.close();
    const allStarted = Number(started.n) === STARTERS && storm.failed === 0;
    rows.push({
      database: kind,
      test: `${STARTERS} × « Commencer » at once`,
      requests: STARTERS,
      errors: storm.failed,
      throughput: Math.round((STARTERS / storm.total) * 1000),
      p50: storm.p50,
      p99: storm.p99,
      cpuPerRequest: stormCpu,
      pgCpuPerRequest: kind === 'postgres' ? stormPgCpu : null,
      verdict: `${Number(started.n)}/${STARTERS} started, max ${storm.max} ms — ${allStarted && storm.p99 < 1000 ? 'PASS' : 'FAIL'}`,
    });

    const full = await load(bare.full, null);
    rows.push(row('sqlite', `bare insert, synchronous=FULL (like the app)`, full));
    const normal = await load(bare.normal, null);
    rows.push(row('sqlite', `bare insert, synchronous=NORMAL`, normal));
    const saves = await load(app, seats.slice(0, SAVERS));
    const vsFull = saves.requests.average / full.requests.average;
    const vsNormal = saves.requests.average / normal.requests.average;
    const ok =
      Math.min(vsFull, vsNormal) >= 0.25 &&
      saves.latency.p99 < 50 &&
      saves.non2xx + saves.errors + saves.timeouts === 0;
    rows.push(
      row(
        kind,
        `answer saves, ${SAVERS} learners`,
        saves,
        `${pc(vsFull)} of FULL, ${pc(vsNormal)} of NORMAL — ${ok ? 'PASS' : 'FAIL'}`,
      ),
    );
    // The same learners at a pace a room could never reach by hand (2 saves a second each), out of step.
    const {
      result: paced,
      cpuPerRequest: pacedCpu,
      pgCpuPerRequest: pacedPgCpu,
    } = await measured(app, () => pacedLoad(app!.url, seats.slice(0, SAVERS), 2));
    rows.push({
      database: kind,
      test: `answer saves, ${SAVERS} learners × 2/s`,
      ...paced,
      cpuPerRequest: pacedCpu,
      pgCpuPerRequest: kind === 'postgres' ? pacedPgCpu : null,
      verdict: paced.p99 < 50 && paced.errors === 0 ? 'p99 < 50 ms' : 'p99 ≥ 50 ms',
    });
    if (rows.some((r) => !r.test.startsWith(`bare`) && r.database === kind && r.errors > 0))
      console.log(`${kind} server log:\n${app.output().slice(-3000)}`);
  } finally {
    await app?.kill('SIGTERM');
    await handle?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pc = (r: number) => `${(r * 100).toFixed(0)} %`;

interface Bare {
  full: ServerProcess;
  normal: ServerProcess;
}

async function main() {
  const cpus = os.cpus();
  console.log(
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
      `${os.type()} ${os.release()}, Node ${process.version}; load average before: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  console.log(`Saves: ${SAVERS} connections × ${SECONDS} s (autocannon); starts: ${STARTERS} at once.\n`);
  const bareDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-bare-'));
  const bareServer = (synchronous: string) =>
    startServer({
      dataDir: bareDir,
      secret: SECRET,
      script: 'tests/load/bare-server.ts',
      env: { DB_FILE: path.join(bareDir, `bare-${synchronous}.db`), SYNCHRONOUS: synchronous },
    });
  const bare = { full: await bareServer('FULL'), normal: await bareServer('NORMAL') };
  try {
    if (DATABASES.includes('sqlite')) await benchDatabase('sqlite', bare);
    if (!DATABASES.includes('postgres')) console.log('PostgreSQL: skipped (BENCH_DATABASES).');
    else if (await pgReachable(benchPgBase())) await benchDatabase('postgres', bare);
    else console.log('PostgreSQL not reachable: skipped (set BENCH_DATABASE_URL).');
  } finally {
    await bare.full.kill('SIGTERM');
    await bare.normal.kill('SIGTERM');
    rmSync(bareDir, { recursive: true, force: true });
  }
  console.log('');
  printTable(rows);
  console.log(
    `\nLoad average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (rows.some((r) => r.verdict.includes('FAIL'))) process.exitCode = 1;
  // The live list: answer saved → operator's screen (tests/load/bench-live.ts).
  if (process.env.BENCH_LIVE !== '0' && !(await benchLive())) process.exitCode = 1;
}

await main();
