import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { buildApp } from '../../app.js';
import { startUp } from '../../jobs.js';
import { verifyChain } from '../audit/audit.service.js';
import { setDowntimeCredit } from '../catalog/exams.service.js';

describe.each(dbKinds())('time the service was down, on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function started() {
    const s = await learnerAtWorkstation(t);
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    const a = await t.ctx.db.selectFrom('attempts').selectAll().where('id', '=', s.attemptId).executeTakeFirstOrThrow();
    const exam = await t.ctx.db
      .selectFrom('exams')
      .select('code')
      .where('id', '=', a.exam_id)
      .executeTakeFirstOrThrow();
    return { ...s, attempt: a, examCode: exam.code };
  }
  const deadlineOf = async (id: string) =>
    (await t.ctx.db.selectFrom('attempts').select('deadline_at').where('id', '=', id).executeTakeFirstOrThrow())
      .deadline_at!;

  /** Every instance silent since `minutesAgo` (a heartbeat that old, none since): then this one starts. */
  async function downSince(minutesAgo: number) {
    await t.ctx.db.deleteFrom('instance_heartbeats').execute();
    const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
    await t.ctx.db
      .insertInto('instance_heartbeats')
      .values({ instance_id: `gone-${Math.random()}`, started_at: at, beat_at: at })
      .execute();
  }

  it('by default the deadline stays: downtime counts against the learner', async () => {
    const s = await started();
    await downSince(5);
    await startUp(t.ctx);
    expect(await deadlineOf(s.attemptId)).toBe(s.attempt.deadline_at);
  });

  it('an exam that gives it back moves the deadline by the time lost, audited', async () => {
    const s = await started();
    await setDowntimeCredit(t.ctx, s.examCode, true, null);
    // The learner started 0–1 s ago; the service "went down" 5 minutes before now: only the time the
    // countdown ran during the silence (from « Commencer ») is given back.
    await downSince(5);
    const before = Date.parse(s.attempt.deadline_at!);
    const lost = Date.now() - Date.parse(s.attempt.started_at!);
    await startUp(t.ctx);
    const after = Date.parse(await deadlineOf(s.attemptId));
    expect(after - before).toBeGreaterThanOrEqual(lost - 50);
    expect(after - before).toBeLessThan(lost + 5000);
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('action', 'in', ['attempt.downtime_credited', 'exam.settings_changed'])
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['attempt.downtime_credited', 'exam.settings_changed']);
    expect((await verifyChain(t.ctx)).ok).toBe(true);
    // Another instance starting now finds this one's fresh heartbeat: no silence, nothing more given.
    const { app, ctx } = await buildApp({ config: t.ctx.config, database: t.database.handle });
    await startUp(ctx);
    await app.close();
    expect(Date.parse(await deadlineOf(s.attemptId))).toBe(after);
    await setDowntimeCredit(t.ctx, s.examCode, false, null);
  });
});
