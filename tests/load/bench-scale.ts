/**
 * `npm run bench:scale`: many service points on one 2-core machine (issue 19). Each row: `N` learners in
 * N / 20 service points (one operator each), on SQLite or PostgreSQL, one instance or two (PostgreSQL).
 *
 * 1. « Commencer »: every learner's page has the exam's intro open, then all press « Commencer » within the
 *    same second (each at a random moment of it). Goal: all started, p99 < 2 s.
 * 2. Connected: each page opens its push channel (`GET /api/attempts/:id/events`) and beats every 15 s; the
 *    operators open their live lists (`GET /api/desk/live`). 30 s of that alone gives the cost of a connected
 *    learner; the server's memory before and after each group gives the memory per connection.
 * 3. Steady (`--seconds`): each learner saves one answer every 10 s on average (5–15 s, out of step), each
 *    operator adds a minute to one of its learners every 20 s on average. Goals: saves p99 < 50 ms, push
 *    p95 < 250 ms (answer PUT sent → row on its operator's list; « Ajouter du temps » sent → the learner's
 *    page told), server RSS < 1 GB, no error. On two instances, one is killed (SIGKILL) halfway: its learners
 *    and operators go on on the other, and every acknowledged answer must be in the database at the end.
 * 4. Costs, each activity alone (scale-costs.ts), the heartbeats held and the servers idle before and after:
 *    every started learner saves once within 2 s (CPU per save, PostgreSQL's too); every operator pauses its
 *    room, then resumes it (CPU per pushed event: list rows and learners' pages received).
 *
 * CPU is the servers' process time (/proc, their process groups) and the PostgreSQL backends serving the bench's
 * database; on this shared machine CPU per operation varies far less than latency. Each row is also compared
 * with a bare route (bare-server.ts: Fastify, one SQLite insert) measured just before it.
 *
 *   npm run bench:scale -- --learners 500,1000,2000 --seconds 30 --db sqlite,postgres --two 5000
 *   (--two 0: no two-instance row; --per-point 20; --port 3300: first port used)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/server/db/index.js';
import { SESSION_CACHE_MS } from '../../src/server/modules/accounts/sessions.service.js';
import { benchPgBase, pgReachable } from '../support/databases.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { learnerRequest } from './load-support.js';
import { alone, errorCode, kbPer, memoryOf, operatorPost, perOp, savesOnce } from './scale-costs.js';
import { checkDatabase, pushSamples, type AddedTime } from './scale-outcome.js';
import { freePort, openLists } from './scale-setup.js';
import { printScaleTables, type ScaleRow } from './scale-table.js';
import { abs, SimLearner } from './scale-learners.js';
import {
  loadAvg,
  measureBare,
  pctl,
  pgBackendsCpuMs,
  rssMb,
  serversCpuMs,
  schedMs,
  settled,
  type Bare,
} from './scale-measure.js';
import { prepareScale, SCALE_SECRET, type ScaleRoom } from './scale-room.js';
import { startStorm } from './scale-start.js';

const { values: args } = parseArgs({
  options: {
    learners: { type: 'string', default: '500,1000,2000' },
    seconds: { type: 'string', default: '30' },
    db: { type: 'string', default: 'sqlite,postgres' },
    two: { type: 'string', default: '5000' },
    'per-point': { type: 'string', default: '20' },
    port: { type: 'string', default: '3300' },
  },
});
const SECONDS = Number(args.seconds);
const PER_POINT = Number(args['per-point']);
// 30 s: two heartbeats per learner and one of the hub's comparisons (every 30 s) in each measure.
const CONNECTED_MS = 30_000;
const HEARTBEAT_MS = 15_000;
let nextPort = Number(args.port);

/** The next port of the bench's range that nothing listens on. */
async function port(): Promise<number> {
  const p = await freePort(nextPort);
  nextPort = p + 1;
  return p;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

async function inBatches<T>(xs: T[], size: number, f: (x: T, i: number) => Promise<void>) {
  for (let i = 0; i < xs.length; i += size) await Promise.all(xs.slice(i, i + size).map((x, k) => f(x, i + k)));
}

async function runRow(kind: 'sqlite' | 'postgres', learners: number, instances: 1 | 2, bare: ServerProcess) {
  const label = `${kind}${instances === 2 ? ' × 2 (one killed)' : ''}`;
  const loadStart = loadAvg();
  console.log(`\n${label}, ${learners} learners: load average ${loadStart}`);
  const bareFig: Bare = await measureBare(bare);
  const t0 = performance.now();
  const room: ScaleRoom = await prepareScale(kind, learners, Math.ceil(learners / PER_POINT));
  console.log(`  prepared in ${Math.round((performance.now() - t0) / 1000)} s`);
  const servers: ServerProcess[] = [];
  const errors: string[] = [];
  const error = (what: string) => errors.length < 20 && errors.push(what);
  let lists: Awaited<ReturnType<typeof openLists>> | undefined;
  let rssTimer: NodeJS.Timeout | undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  try {
    for (let i = 0; i < instances; i++)
      servers.push(
        await startServer({ dataDir: room.dataDir, databaseUrl: room.pgUrl, secret: SCALE_SECRET, port: await port() }),
      );
    await settled(servers);
    // The servers' memory before any learner: the rest is what the learners, their sessions and connections cost.
    const rssIdle = servers.map(rssMb);
    const bases = servers.map((s) => s.url);
    const dead = new Set<number>();
    const sims = room.seats.map((seat, i) => new SimLearner(seat, bases, i % instances, agent, dead));
    const cpu = () => serversCpuMs(servers);
    const pgCpu = () => pgBackendsCpuMs(room.pgName);
    let rssMax = 0;
    rssTimer = setInterval(() => {
      rssMax = Math.max(rssMax, ...servers.map(rssMb));
      pgCpu(); // keeps the CPU time of backends the pool closes (scale-measure.ts)
    }, 500);

    // 1. The intros, then « Commencer » within one second once the sessions left the server's cache.
    await inBatches(sims, 50, async (s) => {
      const status = await learnerRequest(agent, `${s.base}/api/attempts/${s.seat.attemptId}`, s.seat, 'GET', '');
      if (status !== 200) error(`intro ${status}`);
    });
    await sleep(SESSION_CACHE_MS + 500);
    let cpu0 = cpu();
    let pg0 = pgCpu();
    const storm = await startStorm(sims);
    if (storm.retried > 0 || storm.failed > 0)
      console.log(
        `  « Commencer »: ${storm.retried} pressed again, ${storm.failed} never started: ${JSON.stringify(storm.refusals)}`,
      );
    const startCpuUs = ((cpu() - cpu0) * 1000) / learners;
    const startPgUs = ((pgCpu() - pg0) * 1000) / learners;

    // Which learners started (the operators add time to theirs only: an unstarted attempt answers 409).
    const db = openDatabase({ databaseUrl: room.pgUrl, dataDir: room.dataDir });
    try {
      const ids = await db.db.selectFrom('attempts').select('id').where('started_at', 'is not', null).execute();
      const startedIds = new Set(ids.map((r) => r.id));
      for (const s of sims) s.started = startedIds.has(s.seat.attemptId);
    } finally {
      await db.close();
    }

    // 2. Connected: push channels, then the operators' lists (in a worker thread).
    await sleep(1000);
    await inBatches(sims, 200, (s) => s.openStream());
    await sleep(1000);
    // The operators' lists: their memory is what RSS grows by when they open (or « below resolution »).
    const listsMemory = await memoryOf(servers, async () => {
      lists = await openLists(
        bases,
        room.operators.map((o, i) => ({ cookie: o.cookie, first: i % instances })),
      );
    });
    const { worker: w, next } = lists!;

    let running = true;
    // Held during the cost phases (scale-costs.ts): each measures one activity alone.
    let quiet = false;
    let heartbeats = 0;
    const beating = Promise.all(
      sims.map(async (s) => {
        await sleep(Math.random() * HEARTBEAT_MS);
        while (running) {
          if (!quiet) {
            const status = await s.heartbeat();
            heartbeats++;
            if (status !== 200 && running) error(`heartbeat ${status}`);
          }
          await sleep(HEARTBEAT_MS);
        }
      }),
    );
    cpu0 = cpu();
    pg0 = pgCpu();
    await sleep(CONNECTED_MS);
    const connectedCpuMsPerS = (cpu() - cpu0) / (CONNECTED_MS / 1000);
    const connectedPgMsPerS = (pgCpu() - pg0) / (CONNECTED_MS / 1000);

    // 3. Steady: answers, « Ajouter du temps », a kill halfway on two instances.
    const saveTimes: number[] = [];
    /** When each timed save was sent (s into the steady phase) and how long it took: where the slow ones fall. */
    const saveMoments: [at: number, ms: number][] = [];
    const sentAt = new Map<string, Map<number, number>>();
    const addTimes: AddedTime[] = [];
    let saves = 0;
    let failovers = 0;
    const steadyBegan = performance.now();
    const sched0 = schedMs(servers);
    const stopAt = steadyBegan + SECONDS * 1000;
    const answering = Promise.all(
      sims.map(async (s) => {
        const mine = new Map<number, number>();
        sentAt.set(s.seat.attemptId, mine);
        await sleep(Math.random() * 10_000);
        while (performance.now() < stopAt) {
          mine.set(s.seq + 1, abs());
          const r = await s.save();
          saves++;
          if (r.status !== 200) error(`save ${r.status}`);
          else if (r.failedOver) failovers++;
          else {
            saveTimes.push(r.ms);
            saveMoments.push([(performance.now() - steadyBegan - r.ms) / 1000, r.ms]);
          }
          await sleep(5000 + Math.random() * 10_000);
        }
      }),
    );
    const operating = Promise.all(
      room.operators.map(async (op, i) => {
        const mine = op.seats.map((k) => sims[k]!).filter((s) => s.started);
        await sleep(Math.random() * 20_000);
        while (performance.now() < stopAt && mine.length > 0) {
          const sim = mine[Math.floor(Math.random() * mine.length)]!;
          const t = abs();
          // The operator's page tries again on the next instance when its own is gone (as the learners').
          let r = { status: 0, body: '' };
          for (let tries = 0; tries < 20 && r.status === 0; tries++) {
            const at = dead.has(i % instances) ? (i + 1) % instances : i % instances;
            r = await operatorPost(`${bases[at]}/api/desk/attempts/${sim.seat.attemptId}/time`, op, {
              minutes: 1,
              reason: 'Bench',
            });
            if (r.status === 0) await sleep(200);
          }
          if (r.status === 200)
            addTimes.push({
              sim,
              sentAt: t,
              deadlineAt: (JSON.parse(r.body) as { deadlineAt: string }).deadlineAt,
            });
          else error(`add time ${r.status} ${errorCode(r.body)}`);
          await sleep(10_000 + Math.random() * 20_000);
        }
      }),
    );
    let killedAt = 0;
    if (instances === 2) {
      await sleep((SECONDS * 1000) / 2);
      killedAt = abs();
      await servers[1]!.kill('SIGKILL');
      dead.add(1);
      w.postMessage({ dead: 1 });
      console.log(`  instance B killed at ${Math.round((performance.now() - steadyBegan) / 1000)} s`);
    }
    await Promise.all([answering, operating]);
    const steadyS = (performance.now() - steadyBegan) / 1000;
    const live = servers.filter((_, i) => !dead.has(i));
    const sched1 = schedMs(servers.filter((_, i) => !dead.has(i)));
    const loopPct = (ms: number) => Math.round((100 * ms) / (steadyS * 1000 * (instances - dead.size)));

    // Costs, each activity alone (scale-costs.ts): the heartbeats held, the servers idle before and after.
    quiet = true;
    const costsBegan = abs();
    // The push channels alone, no request, the hub's whole minute (4 pings, 2 comparisons, 1 session check).
    const idleConnected = await alone(live, pgCpu, async () => {
      await sleep(60_000);
      return sims.filter((s) => s.opened).length;
    });
    const savesAlone = await alone(live, pgCpu, () => savesOnce(sims, error));

    // 4. Pushes: each operator pauses its room, then resumes it.
    w.postMessage({ count: true });
    const rowsBefore = (await next()).rows!;
    const pushesBefore = sims.reduce((n, s) => n + s.pushes.length, 0);
    const pushesAlone = await alone(live, pgCpu, async () => {
      for (const action of ['pause', 'resume'] as const) {
        await Promise.all(
          room.operators.map(async (op) => {
            await sleep(Math.random() * 1000);
            const r = await operatorPost(
              `${live[0]!.url}/api/desk/room/${action}`,
              op,
              action === 'pause' ? { reason: 'Bench' } : {},
            );
            if (r.status !== 200) error(`room ${action} ${r.status} ${errorCode(r.body)}`);
          }),
        );
        await sleep(2000);
      }
      w.postMessage({ count: true });
      const rowsAfter = (await next()).rows!;
      return rowsAfter - rowsBefore + sims.reduce((n, s) => n + s.pushes.length, 0) - pushesBefore;
    });
    const pushed = pushesAlone.n;

    running = false;
    clearInterval(rssTimer);
    for (const s of sims) s.close();
    w.postMessage({ stop: true });
    const done = await next();
    const arrivals = (done as unknown as { arrivals: (string | number)[][] }).arrivals;
    await beating;

    // The figures.
    // Where the slowest 1 % of saves fall in the steady phase: a stall shows as many in the same second.
    const slowFrom = pctl(sorted(saveTimes), 0.99);
    const slowBySecond = new Map<number, number>();
    for (const [at, ms] of saveMoments)
      if (ms >= slowFrom) slowBySecond.set(Math.floor(at), (slowBySecond.get(Math.floor(at)) ?? 0) + 1);
    const bySecond = [...slowBySecond].sort((a, b) => a[0] - b[0]).map(([at, n]) => `${at} s ×${n}`);
    console.log(`  saves ≥ p99 (${slowFrom} ms), by second of the steady phase: ${bySecond.join(', ')}`);
    const samples = pushSamples(arrivals, sentAt, addTimes, killedAt, costsBegan);
    const { lost, started } = await checkDatabase(room, sims);
    const streamErrors = sims.reduce((n, s) => n + s.streamErrors, 0) + (done.errors ?? 0);
    const row: ScaleRow = {
      label,
      learners,
      operators: room.operators.length,
      load: `${loadStart} → ${loadAvg()}`,
      started: `${Number(started)}/${learners}`,
      startP99: pctl(sorted(storm.times), 0.99),
      startFailed: storm.failed,
      saves,
      saveP50: pctl(sorted(saveTimes), 0.5),
      saveP99: pctl(sorted(saveTimes), 0.99),
      failovers,
      opPushP95: pctl(sorted(samples.op), 0.95),
      learnerPushP95: pctl(sorted(samples.learner), 0.95),
      learnerPushSamples: samples.learner.length,
      learnerPushMissing: samples.missing,
      rssMaxMb: Math.round(rssMax),
      errors: errors.length + streamErrors,
      errorNote: errors.slice(0, 3).join(', '),
      lost,
      startCpuUs: Math.round(startCpuUs),
      startPgUs: Math.round(startPgUs),
      saveCpuUs: perOp(savesAlone.cpuMs, savesAlone.n),
      savePgUs: perOp(savesAlone.pgMs, savesAlone.n),
      savesAlone: savesAlone.n,
      pushCpuUs: perOp(pushesAlone.cpuMs, pushed),
      pushed,
      learnerCpuMsPerMin: Math.round((connectedCpuMsPerS * 60 * 100) / learners) / 100,
      learnerPgMsPerMin: Math.round((connectedPgMsPerS * 60 * 100) / learners) / 100,
      channelUsPerMin: perOp(idleConnected.cpuMs, idleConnected.n),
      // Steady phase, the event loop's thread: on a CPU, and runnable but waiting for one (% of the time).
      loopOnCpuPct: killedAt ? NaN : loopPct(sched1.run - sched0.run),
      loopWaitPct: killedAt ? NaN : loopPct(sched1.wait - sched0.wait),
      rssIdleMb: Math.round(Math.max(...rssIdle)),
      // All in: started attempts, cached sessions and their connections, over the idle server (GC makes the
      // difference of one step alone too noisy to read; the mean of five samples, scale-costs.ts's memoryOf).
      learnerKb: Math.round(
        (Math.max(...listsMemory.before.map((r, i) => r - rssIdle[i]!)) * 1024 * instances) / learners,
      ),
      operatorKb: kbPer(listsMemory, room.operators.length / instances),
      heartbeats,
      bare: bareFig,
    };
    console.log(`  ${JSON.stringify(row)}`);
    if (row.errors > 0) for (const s of servers) console.log(`  server log (end):\n${s.output().slice(-3000)}`);
    return row;
  } finally {
    clearInterval(rssTimer);
    agent.destroy();
    await lists?.worker.terminate();
    for (const s of servers) await s.kill('SIGTERM');
    await room.drop();
  }
}

async function main() {
  const cpus = os.cpus();
  const limit = Number((await import('node:child_process')).execSync('ulimit -n', { shell: '/bin/bash' }).toString());
  console.log(
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `Node ${process.version}; open files limit ${limit}; load average ${loadAvg()}`,
  );
  const sizes = args.learners.split(',').map(Number).filter(Boolean);
  const two = Number(args.two);
  const need = 2 * Math.max(...sizes, two) + 1000;
  if (limit < need) console.log(`Warning: ${need} open files needed; raise it (ulimit -n ${need}).`);
  const bareDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-scale-bare-'));
  const bare = await startServer({
    dataDir: bareDir,
    secret: SCALE_SECRET,
    script: 'tests/load/bare-server.ts',
    port: await port(),
    env: { DB_FILE: path.join(bareDir, 'bare.db'), SYNCHRONOUS: 'FULL' },
  });
  const rows: ScaleRow[] = [];
  const dbs = args.db.split(',');
  const pg = await pgReachable(benchPgBase());
  if (!pg) console.log('PostgreSQL not reachable: its rows skipped (set BENCH_DATABASE_URL).');
  try {
    for (const kind of ['sqlite', 'postgres'] as const) {
      if (!dbs.includes(kind) || (kind === 'postgres' && !pg)) continue;
      for (const n of sizes) rows.push(await runRow(kind, n, 1, bare));
    }
    if (two > 0 && pg && dbs.includes('postgres')) rows.push(await runRow('postgres', two, 2, bare));
  } finally {
    await bare.kill('SIGTERM');
    rmSync(bareDir, { recursive: true, force: true });
  }
  printScaleTables(rows);
  if (rows.some((r) => r.verdict?.startsWith('FAIL'))) process.exitCode = 1;
}

await main();
