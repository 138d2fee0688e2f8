import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeAuthorizedAttempt, makeAuthorizedScene } from '../../../../tests/support/factories.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { AppContext } from '../../context.js';
import { openDatabase, type DbHandle } from '../../db/index.js';
import { DomainError } from '../../errors.js';
import { saveAnswer } from './answers.service.js';
import { startAttempt, type Caller } from './attempts.service.js';
import { expireDue, submitAttempt, type EndedAttempt } from './ending.service.js';

const ROUNDS = 1000;

/**
 * « Terminer » and the expiry sweep racing for the same attempt, a thousand times; then an answer racing
 * « Terminer ». On PostgreSQL the sweep and « Terminer » run on their own connection pool, as a second instance behind a load balancer would, so the two
 * transactions contend in the database. SQLite runs as one instance with one connection: the two calls
 * interleave in the process, and their transactions queue for the connection, as in production.
 */
describe.each(dbKinds())('endings racing on %s', (kind) => {
  let t: TestApp;
  let second: DbHandle | undefined;
  let sweeper: AppContext;
  const scored = new Map<string, EndedAttempt[]>();
  let unhook: () => void;
  const hook = async (_ctx: AppContext, _trx: unknown, e: EndedAttempt) => {
    scored.set(e.attemptId, [...(scored.get(e.attemptId) ?? []), e]);
  };
  beforeAll(async () => {
    t = await createTestApp(kind);
    second = t.database.url ? openDatabase({ databaseUrl: t.database.url, dataDir: t.database.dataDir }) : undefined;
    sweeper = second ? { ...t.ctx, db: second.db } : t.ctx;
    unhook = t.ctx.hooks.attemptEnded.register(hook);
  });
  afterAll(async () => {
    unhook();
    await second?.close();
    await t.close();
  });

  /** The learner's next exam, authorized once the previous one has ended. */
  const nextAttempt = (scene: Awaited<ReturnType<typeof makeAuthorizedScene>>) =>
    makeAuthorizedAttempt(t.ctx, {
      userId: scene.learner.id,
      enrolmentId: scene.enrolmentId,
      examId: scene.training.examId,
      versionId: scene.training.versionId,
      servicePointId: scene.sp.id,
      workstationId: scene.sp.workstations[0]!.id,
      operatorId: scene.operator.id,
    });

  it(`${ROUNDS} races: exactly one final state each, the score computed and recorded once`, async () => {
    const scene = await makeAuthorizedScene(t.ctx);
    const caller: Caller = { userId: scene.learner.id, workstationId: scene.sp.workstations[0]!.id };
    const ids: string[] = [];
    const winners = { submit: 0, expiry: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const id = round === 0 ? scene.attemptId : await nextAttempt(scene);
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
      // Started in either order, the second one 0 to 3 event-loop turns later. Started together, on SQLite the
      // sweep (one more read before its transaction) always came second: « Terminer » won 1,000 of 1,000.
      const lag = Math.floor(round / 2) % 4;
      const later = async <T>(f: () => Promise<T>) => {
        for (let turn = 0; turn < lag; turn++) await new Promise((resolve) => setImmediate(resolve));
        return f();
      };
      const submit = () => submitAttempt(t.ctx, id, caller);
      const sweep = () => expireDue(sweeper);
      const [s, e] =
        round % 2 === 0
          ? await Promise.all([submit(), later(sweep)])
          : await Promise.all([sweep(), later(submit)]).then(([x, y]) => [y, x] as const);
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
    // Both sides won some races: the test does race them. (Their sum is ROUNDS by construction, so it proves
    // nothing; a sweep that always came second, or never closed anything, leaves one count at 0.)
    console.info(`${kind}: ${ROUNDS} races, « Terminer » won ${winners.submit}, expiry won ${winners.expiry}`);
    expect(winners.submit, 'races won by « Terminer »').toBeGreaterThan(0);
    expect(winners.expiry, 'races won by the expiry sweep').toBeGreaterThan(0);
  }, 600_000);

  it('an answer racing « Terminer »: acknowledged means scored, refused means not stored — 300 times', async () => {
    const scene = await makeAuthorizedScene(t.ctx);
    const caller: Caller = { userId: scene.learner.id, workstationId: scene.sp.workstations[0]!.id };
    const outcomes = { acknowledged: 0, refused: 0 };
    for (let round = 0; round < 300; round++) {
      const id = round === 0 ? scene.attemptId : await nextAttempt(scene);
      await startAttempt(t.ctx, id, caller);
      // The right answer to q1 (1 point), sent as « Terminer » is pressed (on PostgreSQL through the
      // other pool, so the two transactions meet in the database).
      const save = () =>
        saveAnswer(t.ctx, id, caller, { itemId: 'q1', choiceIds: ['a'], flagged: false, seq: 1 }).then(
          () => true,
          (err: unknown) => {
            if (err instanceof DomainError && err.code === 'attempt_ended') return false;
            throw err;
          },
        );
      // « Terminer » pressed at once or up to 2 ms later, so that both sides win some rounds.
      const submit = () =>
        round % 4 === 0
          ? submitAttempt(sweeper, id, caller)
          : new Promise((resolve) => setTimeout(resolve, (round % 4) - 1)).then(() =>
              submitAttempt(sweeper, id, caller),
            );
      const acknowledged =
        round % 2 === 0 ? (await Promise.all([save(), submit()]))[0] : (await Promise.all([submit(), save()]))[1];
      outcomes[acknowledged ? 'acknowledged' : 'refused']++;
      const stored = await t.ctx.db.selectFrom('answers').select('item_id').where('attempt_id', '=', id).execute();
      const ended = await t.ctx.db
        .selectFrom('attempts')
        .select(['state', 'score_points'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(ended.state, `round ${round}`).toBe('submitted');
      expect(stored.length, `round ${round}: answer stored`).toBe(acknowledged ? 1 : 0);
      expect(Number(ended.score_points), `round ${round}: score`).toBe(acknowledged ? 1 : 0);
      expect(scored.get(id)?.map((e) => e.score.points)).toEqual([acknowledged ? 1 : 0]);
    }
    console.info(`${kind}: answer vs « Terminer », 300 rounds: ${JSON.stringify(outcomes)}`);
    // Both sides won some rounds: the test does race them.
    expect(outcomes.acknowledged).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 600_000);
});
