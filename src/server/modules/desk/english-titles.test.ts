import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeAdmin,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
  markReady,
} from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';

/**
 * English titles wherever the desk and the administration show a training or an exam: each reply carries the
 * title as `{ fr, en }` (the page picks the interface's language), never the French one alone.
 */
describe.each(dbKinds())('English titles at the desk and in the administration (%s)', (kind) => {
  let t: TestApp;
  let op: Client;
  let admin: Client;
  let learner: Awaited<ReturnType<typeof makeLearner>>;
  let training: Awaited<ReturnType<typeof makeTraining>>;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  const trainingTitle = { fr: 'Sécurité des chantiers', en: 'Construction site safety' };
  const examTitle = { fr: 'Examen de sécurité des chantiers', en: 'Construction site safety exam' };

  beforeAll(async () => {
    t = await createTestApp(kind);
    sp = await makeServicePoint(t.ctx, 'Point A', 2);
    training = await makeTraining(t.ctx);
    await t.ctx.db
      .updateTable('trainings')
      .set({ title: trainingTitle.fr, title_en: trainingTitle.en })
      .where('id', '=', training.trainingId)
      .execute();
    await t.ctx.db
      .updateTable('exam_versions')
      .set({ title: examTitle.fr, title_en: examTitle.en })
      .where('id', '=', training.versionId)
      .execute();
    const operator = await makeOperator(t.ctx, sp.id);
    op = await Client.start(t.app);
    await op.signIn(operator.username);
    learner = await makeLearner(t.ctx, { firstName: 'Zoé', lastName: 'Anglais' });
    await enrol(t.ctx, learner.id, training.trainingId, sp.id);
    await markReady(t.ctx, learner.id, sp.id, operator.id);
    const a = await makeAdmin(t.ctx);
    admin = await Client.start(t.app);
    await admin.signIn(a.username);
  });
  afterAll(() => t.close());

  it('« Liste des apprenants » and the learner file: trainings, the exams to authorize, the history', async () => {
    const list = (await op.get('/api/desk/learners?q=anglais')).json();
    expect(list.learners[0].trainings[0].title).toEqual(trainingTitle);
    const before = (await op.get(`/api/desk/learners/${learner.id}`)).json();
    expect(before.authorizable).toEqual([{ examId: training.examId, title: examTitle, trainingTitle, retake: false }]);
    expect(before.enrolments[0]).toMatchObject({ trainingTitle, examTitle });
    const authorized = await op.post(`/api/desk/learners/${learner.id}/authorizations`, {
      examId: training.examId,
      workstationId: sp.workstations[0]!.id,
    });
    expect(authorized.statusCode).toBe(200);
    const after = (await op.get(`/api/desk/learners/${learner.id}`)).json();
    expect(after.attempts[0].examTitle).toEqual(examTitle);
  });

  it('« Bilan de la journée », « Comptes » and « Inscriptions »', async () => {
    const summary = (await op.get('/api/desk/summary')).json();
    expect(summary.attempts.map((a: { examTitle: unknown }) => a.examTitle)).toEqual([examTitle]);
    const account = (await admin.get(`/api/admin/accounts/${learner.id}`)).json();
    expect(account.enrolments[0].trainingTitle).toEqual(trainingTitle);
    const enrolments = (await admin.get('/api/admin/enrolments?q=anglais')).json();
    expect(enrolments.enrolments[0].training.title).toEqual(trainingTitle);
  });
});
