import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSTATION_COOKIE } from '../../http/workstation.js';
import { workstationCookie } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
  markReady,
} from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';

describe.each(dbKinds())('retakes after « Échec » (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('authorizes a new attempt after a failure, up to 3 attempts; the 4th is refused naming the rule', async () => {
    const sp = await makeServicePoint(t.ctx);
    const operator = await makeOperator(t.ctx, sp.id);
    const learner = await makeLearner(t.ctx);
    const training = await makeTraining(t.ctx);
    await enrol(t.ctx, learner.id, training.trainingId, sp.id);
    await markReady(t.ctx, learner.id, sp.id, operator.id);
    const desk = await Client.start(t.app);
    await desk.signIn(operator.username);
    const seat = await Client.start(t.app);
    seat.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, sp.workstations[0]!.id));
    await seat.signIn(learner.username);
    const body = { examId: training.examId, workstationId: sp.workstations[0]!.id };

    /** Authorized, started, and ended by the operator with no answer: « Échec ». */
    const failOnce = async () => {
      const auth = await desk.post(`/api/desk/learners/${learner.id}/authorizations`, body);
      expect(auth.statusCode).toBe(200);
      const attemptId = auth.json().attemptId as string;
      expect((await seat.post(`/api/attempts/${attemptId}/start`)).statusCode).toBe(200);
      const ended = await desk.post(`/api/desk/attempts/${attemptId}/terminate`);
      expect(ended.json().result).toMatchObject({ state: 'terminated', outcome: 'failed' });
    };

    await failOnce();
    // After « Échec » the file offers the exam again, as a retake.
    const file = (await desk.get(`/api/desk/learners/${learner.id}`)).json();
    expect(file.enrolments[0].status).toBe('failed');
    expect(file.authorizable).toEqual([expect.objectContaining({ examId: training.examId, retake: true })]);
    await failOnce();
    await failOnce();

    const refused = await desk.post(`/api/desk/learners/${learner.id}/authorizations`, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'retake_limit',
      field: 'examId',
      message: 'Reprise refusée : le nombre maximal de tentatives de la formation est atteint (3 sur 3).',
      details: { rule: 'max_attempts', maxAttempts: 3, attempts: 3 },
    });
    // The file shows the whole history: three attempts, each ended by the operator.
    const history = (await desk.get(`/api/desk/learners/${learner.id}`)).json().attempts as { state: string }[];
    expect(history.map((a) => a.state)).toEqual(['terminated', 'terminated', 'terminated']);
  });
});
