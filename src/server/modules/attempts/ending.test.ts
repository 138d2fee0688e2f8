import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeServicePoint } from '../../../../tests/support/factories.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { DomainEvent } from '../../events.js';
import { verifyChain } from '../audit/audit.service.js';
import { currentFigures, expireDue, terminateAttempt, type EndedAttempt } from './ending.service.js';

describe.each(dbKinds())('ending an exam on %s', (kind) => {
  let t: TestApp;
  let unhook: () => void;
  const events: DomainEvent[] = [];
  const hookCalls: EndedAttempt[] = [];
  const hook = async (_ctx: unknown, _trx: unknown, e: EndedAttempt) => {
    hookCalls.push(e);
  };
  beforeAll(async () => {
    t = await createTestApp(kind);
    t.ctx.events.subscribe((e) => events.push(e));
    unhook = t.ctx.hooks.attemptEnded.register(hook);
  });
  afterAll(async () => {
    unhook();
    await t.close();
  });
  afterEach(() => {
    t.clock.unfreeze();
  });

  async function running(opts: Parameters<typeof learnerAtWorkstation>[1] = {}) {
    const s = await learnerAtWorkstation(t, opts);
    const started = (await s.browser.post(`${s.url}/start`)).json();
    let seq = 0;
    const answer = async (itemId: string, choiceIds: string[]) => {
      const r = await s.browser.put(`${s.url}/answers/${itemId}`, { choiceIds, flagged: false, seq: ++seq });
      expect(r.statusCode).toBe(200);
    };
    const attempt = () =>
      t.ctx.db.selectFrom('attempts').selectAll().where('id', '=', s.attemptId).executeTakeFirstOrThrow();
    const enrolment = () =>
      t.ctx.db.selectFrom('enrolments').select('status').where('id', '=', s.enrolmentId).executeTakeFirstOrThrow();
    const audits = () =>
      t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'payload'])
        .where('payload', 'like', `%${s.attemptId}%`)
        .orderBy('id')
        .execute();
    return { ...s, started, answer, attempt, enrolment, audits };
  }

  it('« Terminer » scores the saved answers once, stores the result, passes the enrolment, audits and announces', async () => {
    const s = await running({ passingMark: 75 });
    await s.answer('q1', ['a']); // 1
    await s.answer('q2', ['true']); // 1
    await s.answer('q3', ['a', 'b']); // 2
    await s.answer('q4', ['a', 'b']); // 3 × 2/3 = 2
    await s.answer('q5', ['a']); // 0
    const res = await s.browser.post(`${s.url}/submit`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      won: true,
      result: { state: 'submitted', scorePoints: 6, maxPoints: 8, percentage: 75, outcome: 'passed' },
    });
    const row = await s.attempt();
    expect(row).toMatchObject({ state: 'submitted', ended_by: s.learner.id, outcome: 'passed' });
    expect([Number(row.score_points), Number(row.max_points), Number(row.percentage)]).toEqual([6, 8, 75]);
    expect((await s.enrolment()).status).toBe('passed');
    const ended = (await s.audits()).filter((a) => a.action === 'attempt.submitted');
    expect(ended).toHaveLength(1);
    expect(JSON.parse(ended[0]!.payload)).toEqual({
      attemptId: s.attemptId,
      score: 6,
      percentage: 75,
      outcome: 'passed',
    });
    expect(events.filter((e) => e.type === 'attempt.ended' && e.attemptId === s.attemptId)).toEqual([
      {
        type: 'attempt.ended',
        servicePointId: s.sp.id,
        attemptId: s.attemptId,
        userId: s.learner.id,
        state: 'submitted',
      },
    ]);
    expect(hookCalls.filter((h) => h.attemptId === s.attemptId)).toHaveLength(1);

    // Pressed again: the same result, nothing recomputed.
    const again = await s.browser.post(`${s.url}/submit`);
    expect(again.json()).toMatchObject({ won: false, result: { state: 'submitted', scorePoints: 6 } });
    expect((await s.audits()).filter((a) => a.action === 'attempt.submitted')).toHaveLength(1);
    expect(hookCalls.filter((h) => h.attemptId === s.attemptId)).toHaveLength(1);

    // The page opened afterwards shows the result, and no question.
    const opened = (await s.browser.get(s.url)).json();
    expect(opened.state).toBe('submitted');
    expect(opened.items).toBeUndefined();
    expect(opened.result).toMatchObject({ outcome: 'passed', percentage: 75 });
    expect((await verifyChain(t.ctx)).ok).toBe(true);
  });

  it('a failing score fails the enrolment', async () => {
    const s = await running();
    await s.answer('q1', ['a']);
    const res = (await s.browser.post(`${s.url}/submit`)).json();
    expect(res.result).toMatchObject({ scorePoints: 1, maxPoints: 8, percentage: 12.5, outcome: 'failed' });
    expect((await s.enrolment()).status).toBe('failed');
  });

  it('expires at the deadline with no browser open, scored on the saved answers', async () => {
    const s = await running({ durationMinutes: 20, passingMark: 50 });
    await s.answer('q3', ['a', 'b']);
    await s.answer('q4', ['a', 'b', 'd']);
    t.clock.freezeAt(new Date(new Date(s.started.deadlineAt as string).getTime() - 1000));
    await expireDue(t.ctx);
    expect((await s.attempt()).state).toBe('in_progress');
    t.clock.freezeAt(new Date(new Date(s.started.deadlineAt as string).getTime()));
    expect(await expireDue(t.ctx)).toBeGreaterThanOrEqual(1);
    const row = await s.attempt();
    expect(row).toMatchObject({ state: 'expired', ended_by: null, outcome: 'passed' });
    expect(row.ended_at).toBe(s.started.deadlineAt);
    expect([Number(row.score_points), Number(row.percentage)]).toEqual([5, 62.5]);
    expect((await s.enrolment()).status).toBe('passed');
    const audit = (await s.audits()).find((a) => a.action === 'attempt.expired')!;
    expect(audit.actor_id).toBeNull();
    // The learner still on the page sees the result, and that time ran out.
    const opened = (await s.browser.get(s.url)).json();
    expect(opened.result).toMatchObject({ state: 'expired', outcome: 'passed', scorePoints: 5 });
    // A late « Terminer » changes nothing.
    const late = (await s.browser.post(`${s.url}/submit`)).json();
    expect(late).toMatchObject({ won: false, result: { state: 'expired' } });
    expect(await expireDue(t.ctx)).toBe(0);
  });

  it('« Terminer » after the deadline but before the sweep still ends it once', async () => {
    const s = await running();
    await s.answer('q1', ['a']);
    t.clock.freezeAt(new Date(new Date(s.started.deadlineAt as string).getTime() + 500));
    const res = (await s.browser.post(`${s.url}/submit`)).json();
    expect(res).toMatchObject({ won: true, result: { state: 'submitted', scorePoints: 1 } });
    expect(await expireDue(t.ctx)).toBe(0);
  });

  it('the operator’s ending: current figures first, then « terminated » with the points gathered so far', async () => {
    const s = await running({ passingMark: 60 });
    await s.answer('q1', ['a']);
    await s.answer('q2', ['true']);
    expect(await currentFigures(t.ctx, s.attemptId)).toEqual({
      answered: 2,
      questionCount: 5,
      points: 2,
      maxPoints: 8,
      percentage: 25,
      outcome: 'failed',
    });
    const elsewhere = await makeServicePoint(t.ctx);
    await expect(terminateAttempt(t.ctx, s.attemptId, s.operator.id, elsewhere.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await s.attempt()).state).toBe('in_progress');
    const ended = await terminateAttempt(t.ctx, s.attemptId, s.operator.id, s.sp.id, '10.0.0.9');
    expect(ended).toMatchObject({ won: true, result: { state: 'terminated', scorePoints: 2, outcome: 'failed' } });
    expect(await s.attempt()).toMatchObject({ state: 'terminated', ended_by: s.operator.id });
    expect((await s.enrolment()).status).toBe('failed');
    expect((await s.audits()).find((a) => a.action === 'attempt.terminated')!.actor_id).toBe(s.operator.id);
    const opened = (await s.browser.get(s.url)).json();
    expect(opened.result.state).toBe('terminated');
    // The learner's « Terminer » arriving afterwards changes nothing.
    expect((await s.browser.post(`${s.url}/submit`)).json()).toMatchObject({
      won: false,
      result: { state: 'terminated' },
    });
    // Nor does the operator's a second time: the exam had already ended.
    await expect(terminateAttempt(t.ctx, s.attemptId, s.operator.id, s.sp.id)).rejects.toMatchObject({
      code: 'attempt_already_ended',
    });
  });

  it('an attempt not started cannot be submitted or terminated', async () => {
    const s = await learnerAtWorkstation(t);
    const res = await s.browser.post(`${s.url}/submit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('attempt_not_started');
    await expect(terminateAttempt(t.ctx, s.attemptId, s.operator.id, s.sp.id)).rejects.toMatchObject({
      code: 'attempt_not_in_progress',
    });
  });

  it('a hook that fails rolls the ending back; the next try ends it', async () => {
    const s = await running();
    const failing = async () => {
      throw new Error('card service unavailable');
    };
    const removeFailing = t.ctx.hooks.attemptEnded.register(failing);
    try {
      const res = await s.browser.post(`${s.url}/submit`);
      expect(res.statusCode).toBe(500);
      expect((await s.attempt()).state).toBe('in_progress');
      expect((await s.audits()).filter((a) => a.action === 'attempt.submitted')).toHaveLength(0);
    } finally {
      removeFailing();
    }
    expect((await s.browser.post(`${s.url}/submit`)).json().won).toBe(true);
  });
});
