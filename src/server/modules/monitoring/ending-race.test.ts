import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeAuthorizedAttempt } from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { buildApp } from '../../app.js';
import type { AppContext } from '../../context.js';
import { openDatabase, type DbHandle } from '../../db/index.js';
import type { EndedAttempt } from '../attempts/ending.service.js';

const ROUNDS = 150;

/**
 * The operator's « Terminer l'examen » and the learner's « Terminer » for the same exam at the same moment,
 * over HTTP. On PostgreSQL the operator's request goes to a second app instance with its own connection
 * pool (two instances behind a load balancer), so the two transactions contend in the database.
 */
describe.each(dbKinds())('« Terminer l’examen » racing the learner’s « Terminer » on %s', (kind) => {
  let t: TestApp;
  let second: { app: FastifyInstance; handle: DbHandle } | undefined;
  const scored = new Map<string, EndedAttempt[]>();
  const unhook: (() => void)[] = [];
  const hook = async (_ctx: AppContext, _trx: unknown, e: EndedAttempt) => {
    scored.set(e.attemptId, [...(scored.get(e.attemptId) ?? []), e]);
  };
  beforeAll(async () => {
    t = await createTestApp(kind);
    if (t.database.url) {
      const handle = openDatabase({ databaseUrl: t.database.url, dataDir: t.database.dataDir });
      const built = await buildApp({ config: t.ctx.config, database: handle });
      await built.app.ready();
      second = { app: built.app, handle };
      // Each app has its own hooks: the ending may run on either.
      unhook.push(built.ctx.hooks.attemptEnded.register(hook));
    }
    unhook.push(t.ctx.hooks.attemptEnded.register(hook));
  });
  afterAll(async () => {
    for (const off of unhook) off();
    await second?.app.close();
    await second?.handle.close();
    await t.close();
  });

  it(`${ROUNDS} races: exactly one wins each, the score is computed and recorded once`, async () => {
    const s = await learnerAtWorkstation(t);
    const desk = await Client.start(second?.app ?? t.app);
    await desk.signIn(s.operator.username);
    const wins = { operator: 0, learner: 0 };
    const ids: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const id =
        round === 0
          ? s.attemptId
          : await makeAuthorizedAttempt(t.ctx, {
              userId: s.learner.id,
              enrolmentId: s.enrolmentId,
              examId: s.training.examId,
              versionId: s.training.versionId,
              servicePointId: s.sp.id,
              workstationId: s.sp.workstations[0]!.id,
              operatorId: s.operator.id,
            });
      ids.push(id);
      const url = `/api/attempts/${id}`;
      expect((await s.browser.post(`${url}/start`)).statusCode).toBe(200);
      const save = await s.browser.put(`${url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 });
      expect(save.statusCode).toBe(200);
      if (round % 2 === 0) await s.browser.put(`${url}/answers/q3`, { choiceIds: ['a', 'b'], flagged: false, seq: 2 });

      // The operator's request does more before its write (the desk's scope check): each side is held back
      // by 0–5 ms in turn, so that their writes meet at every offset.
      const hold = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const lag = Math.floor(round / 2) % 6;
      const terminate = async () => {
        if (round % 2 === 1) await hold(lag);
        return desk.post(`/api/desk/attempts/${id}/terminate`);
      };
      const submit = async () => {
        if (round % 2 === 0) await hold(lag);
        return s.browser.post(`${url}/submit`);
      };
      const [end, sub] = await Promise.all([terminate(), submit()]);

      expect(sub.statusCode, sub.body).toBe(200);
      const learnerWon = (sub.json() as { won: boolean }).won;
      if (end.statusCode === 200) {
        expect(learnerWon, `round ${round}: both won`).toBe(false);
        wins.operator++;
      } else {
        expect(end.statusCode, end.body).toBe(409);
        expect(end.json()).toMatchObject({ error: { code: 'attempt_already_ended' } });
        expect(learnerWon, `round ${round}: nobody won`).toBe(true);
        wins.learner++;
      }
      // Both sides read the same result, whoever won.
      const result = (sub.json() as { result: unknown }).result;
      const operatorSaw =
        end.statusCode === 200
          ? (end.json() as { result: unknown }).result
          : (end.json() as { error: { details: { result: unknown } } }).error.details.result;
      expect(operatorSaw).toEqual(result);
    }

    const rows = await t.ctx.db
      .selectFrom('attempts')
      .select(['id', 'state', 'score_points', 'max_points', 'ended_by'])
      .where('id', 'in', ids)
      .execute();
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'payload'])
      .where('action', 'in', ['attempt.submitted', 'attempt.terminated', 'attempt.expired'])
      .execute();
    const auditsOf = (id: string) =>
      audits.filter((a) => (JSON.parse(a.payload) as { attemptId: string }).attemptId === id);
    expect(rows).toHaveLength(ROUNDS);
    for (const r of rows) {
      const round = ids.indexOf(r.id);
      expect(['submitted', 'terminated']).toContain(r.state);
      expect(r.ended_by).toBe(r.state === 'terminated' ? s.operator.id : s.learner.id);
      expect(auditsOf(r.id).map((a) => [a.action, a.actor_id])).toEqual([[`attempt.${r.state}`, r.ended_by]]);
      expect(scored.get(r.id)?.map((e) => e.state)).toEqual([r.state]);
      expect(Number(r.score_points), `round ${round}`).toBe(round % 2 === 0 ? 3 : 1);
      expect(Number(r.max_points)).toBe(8);
    }
    console.info(`${kind}: ${ROUNDS} races, operator won ${wins.operator}, learner won ${wins.learner}`);
    expect(wins.operator + wins.learner).toBe(ROUNDS);
    // Both sides won some: the test does race them.
    expect(wins.operator).toBeGreaterThan(0);
    expect(wins.learner).toBeGreaterThan(0);
  }, 300_000);
});
