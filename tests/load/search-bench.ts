/**
 * The search benches' common run (bench-search.ts: « Liste des apprenants »; bench-accounts.ts: « Comptes »):
 * the same learners, the same words, sequential requests through HTTP, one table.
 */
import { performance } from 'node:perf_hooks';
import { sql, type Insertable } from 'kysely';
import type { AppContext } from '../../src/server/context.js';
import type { Database } from '../../src/server/db/schema.js';
import setupTemplate from '../support/global-setup.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { newId } from '../../src/server/crypto.js';
import { hashPassword } from '../../src/server/modules/accounts/passwords.js';
import { benchLearner, insertBenchLearners, signedIn } from './load-support.js';
import { freshDatabase, type DbKind } from '../support/databases.js';
import { makeServicePoint, makeTraining } from '../support/factories.js';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 200_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 400);

/** One search bench: who searches, which route, which words. */
export interface SearchBench {
  /** The table's title. */
  title: string;
  /** The configuration beside DATA_DIR and VIGIE_SECRET. */
  env: Record<string, string>;
  /** Who searches, made in the bench's database (the first service point is the learners'). */
  searcher: (ctx: AppContext, servicePointId: string) => Promise<{ username: string }>;
  /** The words searched; sampled user codes (as typed, and with a dash and lower case) follow them. */
  words: string[];
  /** The route's address for a search (`i`: the search's rank, for variants such as a sort). */
  path: (q: string, page: number, i: number) => string;
}

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(kind: DbKind, spec: SearchBench) {
  if (kind === 'postgres') await setupTemplate();
  const database = await freshDatabase(kind);
  const config = loadConfig({
    ...spec.env,
    DATA_DIR: database.dataDir,
    VIGIE_SECRET: 'bench-secret-bench-secret-bench-secret-000000',
  });
  const { app, ctx } = await buildApp({ config, database: database.handle });
  const sp = await makeServicePoint(ctx, 'Bench A');
  const other = await makeServicePoint(ctx, 'Bench B');
  const training = await makeTraining(ctx);
  const searcher = await spec.searcher(ctx, sp.id);
  const hash = await hashPassword('bench-password-123');
  const now = new Date().toISOString();
  const codes: string[] = [];
  const t0 = performance.now();
  const batch = kind === 'sqlite' ? 400 : 1000;
  for (let start = 0; start < LEARNERS; start += batch) {
    const learners: ReturnType<typeof benchLearner>[] = [];
    const enrolments: Insertable<Database['enrolments']>[] = [];
    for (let i = start; i < Math.min(LEARNERS, start + batch); i++) {
      const learner = benchLearner(i, hash, now);
      learners.push(learner);
      if (i % 997 === 0) codes.push(learner.user.user_code);
      const id = learner.user.id;
      enrolments.push({
        id: newId(),
        user_id: id,
        training_id: training.trainingId,
        service_point_id: i % 10 === 0 ? other.id : sp.id,
        status: i % 7 === 0 ? 'passed' : 'in_training',
        created_at: now,
        updated_at: now,
      });
    }
    await ctx.db.transaction().execute(async (trx) => {
      await insertBenchLearners(trx, learners);
      await trx.insertInto('enrolments').values(enrolments).execute();
    });
  }
  // PostgreSQL vacuumed as autovacuum would after the fill (bench-catalog-admin.ts says why).
  await sql.raw(kind === 'postgres' ? 'vacuum analyze' : 'analyze').execute(ctx.db);
  const fillSeconds = (performance.now() - t0) / 1000;

  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const session = await signedIn(base, searcher.username);

  const queries = [
    ...spec.words,
    ...codes.slice(0, 20),
    ...codes.slice(0, 10).map((c) => `${c.slice(0, 4)}-${c.slice(4).toLowerCase()}`),
  ];
  const timings: number[] = [];
  const byQuery = new Map<string, number>();
  for (let i = 0; i < SEARCHES; i++) {
    const q = queries[i % queries.length]!;
    const page = i % 5 === 4 ? 3 : 1;
    const t = performance.now();
    const res = await fetch(`${base}${spec.path(q, page, i)}`, { headers: { cookie: session } });
    const body = await res.text();
    const ms = performance.now() - t;
    timings.push(ms);
    if (process.env.BENCH_VERBOSE) byQuery.set(`${q}#${page}`, Math.max(byQuery.get(`${q}#${page}`) ?? 0, ms));
    if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${body}`);
  }
  timings.sort((a, b) => a - b);
  if (process.env.BENCH_VERBOSE) console.log(kind, [...byQuery].sort((a, b) => b[1] - a[1]).slice(0, 8));
  await app.close();
  if (process.env.BENCH_KEEP) console.log(`kept ${kind} database in ${database.dataDir} ${database.url ?? ''}`);
  else await database.drop();
  return {
    kind,
    learners: LEARNERS,
    fillSeconds,
    searches: SEARCHES,
    p50: pct(timings, 50),
    p95: pct(timings, 95),
    p99: pct(timings, 99),
    max: timings[timings.length - 1]!,
  };
}

/**
 * Fills LEARNERS learners (enrolled at one service point, one in ten at another; BENCH_LEARNERS), then times
 * SEARCHES sequential searches through the real HTTP route, on SQLite and (with TEST_DATABASE_URL) PostgreSQL
 * (BENCH_ONLY=sqlite or postgres measures one), and prints the table. Target: p95 < 30 ms.
 */
export async function benchSearches(spec: SearchBench) {
  const kinds: DbKind[] = ['sqlite'];
  if (process.env.TEST_DATABASE_URL) kinds.push('postgres');
  // BENCH_ONLY=postgres (or sqlite) measures one database.
  if (process.env.BENCH_ONLY) kinds.splice(0, kinds.length, ...kinds.filter((k) => k === process.env.BENCH_ONLY));
  else console.log('(set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to measure PostgreSQL too)');
  const rows = [];
  for (const k of kinds) rows.push(await run(k, spec));
  console.log(`\n${spec.title}`);
  console.log(
    '| database | learners | fill (s) | searches | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | p95 < 30 ms |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.kind} | ${r.learners} | ${r.fillSeconds.toFixed(1)} | ${r.searches} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.p95 < 30 ? 'yes' : 'NO'} |`,
    );
  }
  if (rows.some((r) => r.p95 >= 30)) process.exitCode = 1;
}
