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

  /** A learner ready at a fresh service point, enrolled in a training whose retake rules are `rules`. */
  async function failedOnceWith(rules: { max_attempts: number; retake_wait_days: number }) {
    const sp = await makeServicePoint(t.ctx);
    const operator = await makeOperator(t.ctx, sp.id);
    const learner = await makeLearner(t.ctx);
    const training = await makeTraining(t.ctx);
    await t.ctx.db.updateTable('trainings').set(rules).where('id', '=', training.trainingId).execute();
    await enrol(t.ctx, learner.id, training.trainingId, sp.id);
    await markReady(t.ctx, learner.id, sp.id, operator.id);
    const desk = await Client.start(t.app);
    await desk.signIn(operator.username);
    const seat = await Client.start(t.app);
    seat.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, sp.workstations[0]!.id));
    await seat.signIn(learner.username);
    const body = { examId: training.examId, workstationId: sp.workstations[0]!.id };
    const auth = await desk.post(`/api/desk/learners/${learner.id}/authorizations`, body);
    expect(auth.statusCode).toBe(200);
    const attemptId = auth.json().attemptId as string;
    expect((await seat.post(`/api/attempts/${attemptId}/start`)).statusCode).toBe(200);
    const ended = await desk.post(`/api/desk/attempts/${attemptId}/terminate`);
    expect(ended.json().result).toMatchObject({ outcome: 'failed' });
    return { retake: () => desk.post(`/api/desk/learners/${learner.id}/authorizations`, body) };
  }

  it("reads the training's own maximum (« Formations »): at most 1 attempt refuses the first retake", async () => {
    const { retake } = await failedOnceWith({ max_attempts: 1, retake_wait_days: 0 });
    const refused = await retake();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'retake_limit',
      field: 'examId',
      message: 'Reprise refusée : le nombre maximal de tentatives de la formation est atteint (1 sur 1).',
      details: { rule: 'max_attempts', maxAttempts: 1, attempts: 1 },
    });
  });

  it("reads the training's own waiting days: refused until the day, naming the rule and the date", async () => {
    const { retake } = await failedOnceWith({ max_attempts: 5, retake_wait_days: 7 });
    const until = new Date(t.ctx.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    const refused = await retake();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'retake_wait',
      field: 'examId',
      message: `Reprise refusée : la formation exige 7 jours d’attente entre deux tentatives ; nouvelle autorisation possible à partir du ${until}.`,
      details: { rule: 'wait', waitDays: 7 },
    });
  });
});
