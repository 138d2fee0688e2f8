/**
 * `npm run bench:start`: the « Commencer » storm of bench:scale alone (issue 19), for profiling the start path
 * and comparing its CPU A/B. `N` learners in N / 20 service points press « Commencer » within the same second
 * (scale-start.ts: each presses again by itself after a 503 or 429's Retry-After); then, with `--saves K`, each
 * saves K answers 1–3 s apart. Prints the servers' and PostgreSQL's CPU per start and per save (/proc: on a
 * shared machine far steadier than latency), the start p99 and the refusals.
 *
 *   npm run bench:start -- --learners 2000 --db sqlite,postgres --instances 1 --saves 0 [--env KEY=VALUE,…]
 *   SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=tmp/prof" npm run bench:start -- …   (profiles the servers)
 */
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { SESSION_CACHE_MS } from '../../src/server/modules/accounts/sessions.service.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { learnerRequest } from './load-support.js';
import { SimLearner } from './scale-learners.js';
import { loadAvg, pctl, pgBackendsCpuMs, serversCpuMs, settled } from './scale-measure.js';
import { prepareScale, SCALE_SECRET } from './scale-room.js';
import { startStorm } from './scale-start.js';

const { values: args } = parseArgs({
  options: {
    learners: { type: 'string', default: '2000' },
    db: { type: 'string', default: 'sqlite,postgres' },
    instances: { type: 'string', default: '1' },
    saves: { type: 'string', default: '0' },
    env: { type: 'string', default: '' },
  },
});
const env = Object.fromEntries(
  args.env
    .split(',')
    .filter(Boolean)
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

async function run(kind: 'sqlite' | 'postgres', learners: number, instances: number) {
  const room = await prepareScale(kind, learners, Math.ceil(learners / 20));
  const servers: ServerProcess[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  try {
    for (let i = 0; i < instances; i++)
      servers.push(await startServer({ dataDir: room.dataDir, databaseUrl: room.pgUrl, secret: SCALE_SECRET, env }));
    await settled(servers);
    const bases = servers.map((s) => s.url);
    const sims = room.seats.map((seat, i) => new SimLearner(seat, bases, i % instances, agent, new Set()));
    const load0 = loadAvg();
    for (let i = 0; i < sims.length; i += 50)
      await Promise.all(
        sims
          .slice(i, i + 50)
          .map((s) => learnerRequest(agent, `${s.base}/api/attempts/${s.seat.attemptId}`, s.seat, 'GET', '')),
      );
    await sleep(SESSION_CACHE_MS + 500);
    const pgTimer = setInterval(() => pgBackendsCpuMs(room.pgName), 500);
    let cpu0 = serversCpuMs(servers);
    let pg0 = pgBackendsCpuMs(room.pgName);
    const storm = await startStorm(sims);
    const startCpu = serversCpuMs(servers) - cpu0;
    const startPg = pgBackendsCpuMs(room.pgName) - pg0;
    const out: Record<string, unknown> = {
      kind,
      learners,
      instances,
      env: args.env,
      load: `${load0} → ${loadAvg()}`,
      started: learners - storm.failed,
      startP99: pctl(sorted(storm.times), 0.99),
      retried: storm.retried,
      refusals: storm.refusals,
      cpuPerStartUs: Math.round((startCpu * 1000) / learners),
      pgPerStartUs: Math.round((startPg * 1000) / learners),
    };
    const k = Number(args.saves);
    if (k > 0) {
      await sleep(2000);
      cpu0 = serversCpuMs(servers);
      pg0 = pgBackendsCpuMs(room.pgName);
      const t0 = performance.now();
      let saves = 0;
      await Promise.all(
        sims.map(async (s) => {
          for (let i = 0; i < k; i++) {
            await sleep(1000 + Math.random() * 2000);
            if ((await s.save()).status === 200) saves++;
          }
        }),
      );
      const s = (performance.now() - t0) / 1000;
      // The idle servers' own CPU over the same time (2 s before the saves) is not subtracted: small, and alike in A/B.
      Object.assign(out, {
        saves,
        savesPerS: Math.round(saves / s),
        cpuPerSaveUs: Math.round(((serversCpuMs(servers) - cpu0) * 1000) / saves),
        pgPerSaveUs: Math.round(((pgBackendsCpuMs(room.pgName) - pg0) * 1000) / saves),
      });
    }
    clearInterval(pgTimer);
    console.log(JSON.stringify(out));
  } finally {
    agent.destroy();
    for (const s of servers) await s.kill('SIGTERM');
    await room.drop();
  }
}

for (const kind of args.db.split(',') as ('sqlite' | 'postgres')[])
  for (const n of args.learners.split(',').map(Number)) await run(kind, n, Number(args.instances));
