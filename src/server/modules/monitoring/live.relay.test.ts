import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../tests/support/attempts.js';
import { SseClient } from '../../../../tests/support/sse.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { buildApp } from '../../app.js';
import { openDatabase, type DbHandle } from '../../db/index.js';
import type { LiveRowChanged } from '../../../shared/live.js';
import type { AppContext } from '../../context.js';
import { payloads, type Change } from './live.relay.js';

describe('NOTIFY payloads', () => {
  it('split many changes under PostgreSQL’s 8000-byte limit, keeping every one', () => {
    const changes: Change[] = Array.from({ length: 1000 }, (_, i) => [`sp-${i % 3}`, `attempt-${i}-xxxxxxxxxxxxxxxx`]);
    const out = payloads('origin', changes);
    expect(out.length).toBeGreaterThan(1);
    for (const p of out) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(out.flatMap((p) => (JSON.parse(p) as { e: Change[] }).e)).toEqual(changes);
    expect(payloads('origin', [])).toEqual([]);
  });
});

/**
 * Two app instances in this process on one PostgreSQL database; the learner on the second, the operator's
 * stream on the first. The first instance's listening connection is killed by the database: events sent
 * meanwhile are missed, and caught up once it is back.
 */
describe.runIf(!!process.env.TEST_DATABASE_URL)('the PostgreSQL listener lost and back', () => {
  let t: TestApp;
  let second: { app: FastifyInstance; handle: DbHandle; ctx: AppContext };
  let base: string;
  beforeAll(async () => {
    t = await createTestApp('postgres');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const handle = openDatabase({ databaseUrl: t.database.url, dataDir: t.database.dataDir });
    const built = await buildApp({ config: t.ctx.config, database: handle });
    await built.app.ready();
    second = { app: built.app, handle, ctx: built.ctx };
  });
  afterAll(async () => {
    await second.app.close();
    await second.handle.close();
    await t.close();
  });

  it('catches up with what it missed', async () => {
    const s = await learnerAtWorkstation(t);
    const learner = await Client.start(second.app);
    for (const [k, v] of s.browser.cookies) learner.cookies.set(k, v);
    learner.csrf = s.browser.csrf;
    const desk = await Client.start(t.app);
    await desk.signIn(s.operator.username);
    const live = await SseClient.open(`${base}/api/desk/live`, { cookie: desk.cookieHeader() });
    await live.waitFor((e) => e === 'snapshot');
    await learner.post(`${s.url}/start`);
    const save = (seq: number) =>
      learner.put(`${s.url}/answers/q${seq}`, { choiceIds: seq === 2 ? ['true'] : ['a'], flagged: false, seq });
    expect((await save(1)).statusCode).toBe(200);
    await live.waitFor<LiveRowChanged>((e, d) => e === 'row' && d.row.lastSeq === 1, 5000);

    // The database ends the listening sessions (as a restart or a failover would).
    const killed = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where application_name = 'vigie-live' and datname = current_database()`.execute(t.ctx.db);
    expect(killed.rows[0]!.n).toBe(2);
    expect((await save(2)).statusCode).toBe(200);

    const caughtUp = await live.waitFor<LiveRowChanged>((e, d) => e === 'row' && d.row.lastSeq === 2, 10_000);
    expect(caughtUp.data.row.answered).toBe(2);
    // And it listens again: the next answer arrives as it is saved.
    expect((await save(3)).statusCode).toBe(200);
    await live.waitFor<LiveRowChanged>((e, d) => e === 'row' && d.row.lastSeq === 3, 3000);
    live.close();
  }, 30_000);

  it('tells the other instance at once while its own pool is busy', async () => {
    const s = await learnerAtWorkstation(t);
    const desk = await Client.start(t.app);
    await desk.signIn(s.operator.username);
    const live = await SseClient.open(`${base}/api/desk/live`, { cookie: desk.cookieHeader() });
    await live.waitFor((e) => e === 'snapshot');
    await t.ctx.db.updateTable('users').set({ first_name: 'Maude' }).where('id', '=', s.learner.id).execute();
    // Every connection of the second instance's pool busy for 5 s (a start storm, saves queued behind them).
    const busy = Array.from({ length: 20 }, () => sql`select pg_sleep(5)`.execute(second.handle.db));
    const sentAt = performance.now();
    second.ctx.events.publish({
      type: 'attempt.answer_saved',
      servicePointId: s.sp.id,
      attemptId: s.attemptId,
      userId: s.learner.id,
      seq: 1,
    });
    const row = await live.waitFor<LiveRowChanged>(
      (e, d) => e === 'row' && d.row.learnerName.startsWith('Maude'),
      10_000,
    );
    expect(row.event.at - sentAt).toBeLessThan(2000);
    await Promise.all(busy);
    live.close();
  }, 30_000);
});
