/**
 * `npx tsx tests/load/bench-catalog-admin.ts` (issue 16): 200,000 learners, 20 service points with 10,000
 * enrolments each, then the latency of « Inscriptions » lists and learner search, and of the desk's walk-in
 * count, through the real HTTP routes, on SQLite and (with TEST_DATABASE_URL) PostgreSQL. Target: p95 < 30 ms.
 */
import { performance } from 'node:perf_hooks';
import { sql, type Insertable } from 'kysely';
import type { Database } from '../../src/server/db/schema.js';
import setupTemplate from '../support/global-setup.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { newId } from '../../src/server/crypto.js';
import { hashPassword } from '../../src/server/modules/accounts/passwords.js';
import { benchLearner, insertBenchLearners, signedIn } from './load-support.js';
import { freshDatabase, type DbKind } from '../support/databases.js';
import { makeAdmin, makeOperator, makeServicePoint, makeTraining } from '../support/factories.js';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 200_000);
const POINTS = 20;
const PER_POINT = 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function run(kind: DbKind) {
  if (kind === 'postgres') await setupTemplate();
  const database = await freshDatabase(kind);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: database.dataDir,
    VIGIE_SECRET: 'bench-secret-bench-secret-bench-secret-000000',
  });
  const { app, ctx } = await buildApp({ config, database: database.handle });
  const points = [];
  for (let p = 0; p < POINTS; p++) points.push(await makeServicePoint(ctx, `Bench ${p}`, 1));
  const trainings = [await makeTraining(ctx), await makeTraining(ctx)];
  const operator = await makeOperator(ctx, points[0]!.id);
  const admin = await makeAdmin(ctx);
  const hash = await hashPassword('bench-password-123');
  const now = Date.now();
  const codes: string[] = [];
  const t0 = performance.now();
  const batch = kind === 'sqlite' ? 400 : 1000;
  for (let start = 0; start < LEARNERS; start += batch) {
    const learners: ReturnType<typeof benchLearner>[] = [];
    const enrolments: Insertable<Database['enrolments']>[] = [];
    for (let i = start; i < Math.min(LEARNERS, start + batch); i++) {
      const at = new Date(now - i * 1000).toISOString();
      const learner = benchLearner(i, hash, at);
      learners.push(learner);
      if (i % 997 === 0) codes.push(learner.user.user_code);
      const id = learner.user.id;
      // The first 200,000 = 20 × 10,000 enrolments, one per learner, spread over the service points.
      if (i < POINTS * PER_POINT)
        enrolments.push({
          id: newId(),
          user_id: id,
          training_id: trainings[i % 2]!.trainingId,
          service_point_id: points[i % POINTS]!.id,
          status: 'in_training',
          created_at: at,
          updated_at: at,
        });
    }
    await ctx.db.transaction().execute(async (trx) => {
      await insertBenchLearners(trx, learners);
      if (enrolments.length) await trx.insertInto('enrolments').values(enrolments).execute();
    });
  }
  // PostgreSQL: vacuumed as autovacuum would a minute after the fill (since PostgreSQL 13 it vacuums tables that are
  // only inserted into). The test server runs without autovacuum: unvacuumed, every index-only scan reads the table
  // too (the point's 10,000 learners: 4,788 buffers instead of 138), a state no database in use stays in.
  await sql.raw(kind === 'postgres' ? 'vacuum analyze' : 'analyze').execute(ctx.db);
  const fillSeconds = (performance.now() - t0) / 1000;

  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const adminCookie = await signedIn(base, admin.username);
  const opCookie = await signedIn(base, operator.username);
  const sp = points[3]!.id;
  const tr = trainings[1]!.trainingId;
  const cases: [string, string, string][] = [
    ['enrolments, newest first', '/api/admin/enrolments', adminCookie],
    ['enrolments, page 20', '/api/admin/enrolments?page=20', adminCookie],
    ['enrolments at a service point', `/api/admin/enrolments?servicePointId=${sp}`, adminCookie],
    ['… by learner name', `/api/admin/enrolments?servicePointId=${sp}&sort=learner`, adminCookie],
    [
      '… by learner name, desc, page 5',
      `/api/admin/enrolments?servicePointId=${sp}&sort=learner&dir=desc&page=5`,
      adminCookie,
    ],
    ['… and a training', `/api/admin/enrolments?servicePointId=${sp}&trainingId=${tr}`, adminCookie],
    ['search « trem »', '/api/admin/enrolments?q=trem', adminCookie],
    [
      'search « lavigne genevieve » at a point',
      `/api/admin/enrolments?q=lavigne%20genevieve&servicePointId=${sp}`,
      adminCookie,
    ],
    ['search a user code', `/api/admin/enrolments?q=${codes[5]}`, adminCookie],
    ['sorted by training', '/api/admin/enrolments?sort=training', adminCookie],
    ['learner search « trem »', '/api/admin/enrolments/learners?q=trem', adminCookie],
    ['learner search « e »', '/api/admin/enrolments/learners?q=e', adminCookie],
    ['learner search user code', `/api/admin/enrolments/learners?q=${codes[7]}`, adminCookie],
    ['walk-in count « tremblay »', '/api/desk/walk-ins?q=tremblay', opCookie],
    ['walk-in count « e »', '/api/desk/walk-ins?q=e', opCookie],
    ['walk-in count « zzz »', '/api/desk/walk-ins?q=zzz', opCookie],
    ['audit log, first page', '/api/admin/audit', adminCookie],
  ];
  const all: number[] = [];
  const worst: [string, number][] = [];
  for (const [name, url, cookie] of cases) {
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      const res = await fetch(base + url, { headers: { cookie } });
      await res.text();
      if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    worst.push([name, pct(times, 95)]);
  }
  all.sort((a, b) => a - b);
  await app.close();
  if (process.env.BENCH_KEEP) console.log(`kept ${kind} database in ${database.dataDir} ${database.url ?? ''}`);
  else await database.drop();
  return { kind, fillSeconds, p50: pct(all, 50), p95: pct(all, 95), max: all[all.length - 1]!, worst };
}

// BENCH_DATABASES=postgres (or sqlite) measures one database.
const only = process.env.BENCH_DATABASES?.split(',');
const kinds = (['sqlite', 'postgres'] as DbKind[]).filter(
  (k) => (k === 'sqlite' || process.env.TEST_DATABASE_URL) && (!only || only.includes(k)),
);
console.log(
  `load average before: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}`,
);
for (const k of kinds) {
  const r = await run(k);
  console.log(
    `\n${r.kind}: ${LEARNERS} learners, ${POINTS} × ${PER_POINT} enrolments, filled in ${r.fillSeconds.toFixed(0)} s`,
  );
  console.log(`all requests: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`);
  console.log('| request | p95 (ms) |\n|---|---|');
  for (const [name, ms] of r.worst) console.log(`| ${name} | ${ms.toFixed(1)} |`);
  console.log(
    `load average after: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
  if (r.p95 >= 30) process.exitCode = 1;
}
