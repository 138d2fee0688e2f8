import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { buildApp } from '../../app.js';
import type { AppContext } from '../../context.js';
import { expireDue, submitAttempt, terminateAttempt } from './ending.service.js';

/**
 * After a restart every cache is empty. On SQLite the ending's transaction read the exam version through
 * the root handle with an empty cache, and waited forever for the connection it held itself: the whole
 * server hung at the first « Terminer » or expiry after a restart.
 */
describe.each(dbKinds())('ending an exam after a restart (empty caches), on %s', (kind) => {
  let t: TestApp;
  let restarted: AppContext;
  let close: () => Promise<void>;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await close?.();
    await t.close();
  });

  /** A second app on the same database: what the server is after a restart. */
  async function restart() {
    await close?.();
    const { app, ctx } = await buildApp({ config: t.ctx.config, database: t.database.handle, now: t.ctx.now });
    await app.ready();
    restarted = ctx;
    close = () => app.close();
  }

  const within = <T>(p: Promise<T>, ms = 10_000) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`hung for ${ms} ms`)), ms))]);

  it('the learner’s « Terminer » as the first request ends and scores the exam', async () => {
    const s = await learnerAtWorkstation(t);
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    await restart();
    const a = await t.ctx.db.selectFrom('attempts').selectAll().where('id', '=', s.attemptId).executeTakeFirstOrThrow();
    const outcome = await within(
      submitAttempt(restarted, s.attemptId, { userId: a.user_id, workstationId: a.workstation_id, ip: null }),
    );
    expect(outcome.won).toBe(true);
    expect(outcome.result.state).toBe('submitted');
  });

  it('the operator’s « Terminer l’examen » as the first request ends and scores the exam', async () => {
    const s = await learnerAtWorkstation(t);
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    await restart();
    const outcome = await within(terminateAttempt(restarted, s.attemptId, s.operator.id, s.sp.id));
    expect(outcome.won).toBe(true);
    expect(outcome.result.state).toBe('terminated');
  });

  it('an attempt whose deadline passed while the server was down is expired at its deadline', async () => {
    const s = await learnerAtWorkstation(t);
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    const { deadline_at } = await t.ctx.db
      .selectFrom('attempts')
      .select('deadline_at')
      .where('id', '=', s.attemptId)
      .executeTakeFirstOrThrow();
    t.clock.freezeAt(new Date(Date.parse(deadline_at!) + 3_600_000)); // back an hour after the deadline
    await restart();
    expect(await within(expireDue(restarted))).toBeGreaterThanOrEqual(1);
    const a = await t.ctx.db.selectFrom('attempts').selectAll().where('id', '=', s.attemptId).executeTakeFirstOrThrow();
    expect(a.state).toBe('expired');
    expect(a.ended_at).toBe(deadline_at);
  });
});
