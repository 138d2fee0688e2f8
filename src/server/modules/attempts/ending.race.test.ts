import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeAuthorizedAttempt, makeAuthorizedScene } from '../../../../tests/support/factories.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { AppContext } from '../../context.js';
import { openDatabase, type DbHandle } from '../../db/index.js';
import { saveAnswer } from './answers.service.js';
import { startAttempt, type Caller } from './attempts.service.js';
import { expireDue, onAttemptEnded, submitAttempt, type EndedAttempt } from './ending.service.js';

const ROUNDS = 1000;

/**
 * « Terminer » and the expiry sweep racing for the same attempt, a thousand times. On PostgreSQL the sweep
 * runs on its own connection pool, as a second instance behind a load balancer would, so the two
 * transactions contend in the database. SQLite runs as one instance with one connection: the two calls
 * interleave in the process, and their transactions queue for the connection, as in production.
 */
describe.each(dbKinds())('submit and expiry racing on %s', (kind) => {
  let t: TestApp;
  let second: DbHandle | undefined;
  let sweeper: AppContext;
  const scored = new Map<string, EndedAttempt[]>();
  const hook = async (_ctx: AppContext, _trx: unknown, e: EndedAttempt) => {
    scored.set(e.attemptId, [...(scored.get(e.attemptId) ?? []), e]);
  };
  beforeAll(async () => {
    t = await createTestApp(kind);
    second = t.database.url ? openDatabase({ databaseUrl: t.database.url, dataDir: t.database.dataDir }) : undefined;
    sweeper = second ? { ...t.ctx, db: second.db } : t.ctx;
    onAttemptEnded.push(hook);
  });
  afterAll(async () => {
    onAttemptEnded.splice(onAttemptEnded.indexOf(hook), 1);
    await second?.close();
    await t.close();
  });

  it(`${ROUNDS} races: exactly one final state each, the score computed and recorded once`, async () => {
    const scene = await makeAuthorizedScene(t.ctx);
    const caller: Caller = { userId: scene.learner.id, workstationId: scene.sp.workstations[0]!.id };
    const ids: string[] = [];
    const winners = { submit: 0, expiry: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const id =
        round === 0
          ? scene.attemptId
          : await makeAuthorizedAttempt(t.ctx, {
              userId: scene.learner.id,
              enrolmentId: scene.enrolmentId,
              examId: scene.training.examId,
              versionId: scene.training.versionId,
              servicePointId: scene.sp.id,
              workstationId: scene.sp.workstations[0]!.id,
              operatorId: scene.operator.id,
            });
      ids.push(id);
      await startAttempt(t.ctx, id, caller);
      await saveAnswer(t.ctx, id, caller, { itemId: 'q1', choiceIds: ['a'], flagged: false, seq: 1 });
      if (round % 3 === 0)
        await saveAnswer(t.ctx, id, caller, { itemId: 'q3', choiceIds: ['a', 'b'], flagged: false, seq: 2 });
      // The deadline has just passed: both the learner's « Terminer » and the sweep may close it.
      await t.ctx.db
        .updateTable('attempts')
        .set({ deadline_at: new Date(Date.now() - 1).toISOString() })
        .where('id', '=', id)
        .execute();
      const submit = () => submitAttempt(t.ctx, id, caller);
      const sweep = () => expireDue(sweeper);
      const [s, e] =
        round % 2 === 0
          ? await Promise.all([submit(), sweep()])
          : await Promise.all([sweep(), submit()]).then(([x, y]) => [y, x] as const);
      expect(Number(s.won) + e, `round ${round}`).toBe(1);
      winners[s.won ? 'submit' : 'expiry']++;
      expect(s.result.state).toBe(s.won ? 'submitted' : 'expired');
    }

    const rows = await t.ctx.db
      .selectFrom('attempts')
      .select(['id', 'state', 'score_points', 'max_points', 'outcome', 'ended_at'])
      .where('id', 'in', ids)
      .execute();
    expect(rows).toHaveLength(ROUNDS);
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('action', 'in', ['attempt.submitted', 'attempt.expired', 'attempt.terminated'])
      .execute();
    const auditsPer = new Map<string, string[]>();
    for (const a of audits) {
      const id = (JSON.parse(a.payload) as { attemptId: string }).attemptId;
      auditsPer.set(id, [...(auditsPer.get(id) ?? []), a.action]);
    }
    for (const [i, r] of rows.entries()) {
      expect(['submitted', 'expired'], r.id).toContain(r.state);
      expect(auditsPer.get(r.id), r.id).toEqual([`attempt.${r.state}`]);
      expect(scored.get(r.id)?.map((e) => e.state)).toEqual([r.state]);
      const round = ids.indexOf(r.id);
      expect(Number(r.score_points), `attempt ${i}`).toBe(round % 3 === 0 ? 3 : 1);
      expect(Number(r.max_points)).toBe(8);
      expect(r.outcome).toBe('failed');
    }
    // Both sides won some races: the test does race them.
    console.info(`${kind}: ${ROUNDS} races, « Terminer » won ${winners.submit}, expiry won ${winners.expiry}`);
    expect(winners.submit + winners.expiry).toBe(ROUNDS);
  }, 600_000);
});
