import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  makeAdmin,
  makeAuthorizedScene,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
} from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { ImportPreview, ImportResult, TrainingDetail } from '../../../shared/catalog-admin.js';

/** « Formations » and « Inscriptions » through HTTP, as an administrator (issue 16). */
describe.each(dbKinds())('catalog administration on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  let other: Awaited<ReturnType<typeof makeServicePoint>>;
  let exam: Awaited<ReturnType<typeof makeTraining>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    sp = await makeServicePoint(t.ctx, 'Point Laval');
    other = await makeServicePoint(t.ctx, 'Point Sherbrooke');
    exam = await makeTraining(t.ctx);
    const a = await makeAdmin(t.ctx);
    admin = await Client.start(t.app);
    await admin.signIn(a.username);
  });
  afterAll(async () => t.close());

  const auditOf = (action: string) =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  async function createTraining(code: string, over: Record<string, unknown> = {}) {
    const res = await admin.post('/api/admin/trainings', {
      code,
      title: { fr: `Formation ${code}`, en: `Training ${code}` },
      validityMonths: 36,
      servicePointIds: [sp.id],
      ...over,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TrainingDetail>();
  }

  it('creates a training with its retake rules (defaults 3 attempts, 0 days), its service points and counter enrolment, audited', async () => {
    const created = await createTraining('SIG-101', { examId: exam.examId, counterEnrolment: true });
    expect(created).toMatchObject({
      code: 'SIG-101',
      title: { fr: 'Formation SIG-101', en: 'Training SIG-101' },
      validityMonths: 36,
      maxAttempts: 3,
      retakeWaitDays: 0,
      counterEnrolment: true,
      examCode: `EX-${exam.code}`,
      servicePoints: [{ id: sp.id, name: 'Point Laval' }],
    });
    const [row] = await auditOf('training.created').then((r) => r.filter((x) => x.payload.includes('SIG-101')));
    expect(JSON.parse(row!.payload)).toEqual({ trainingCode: 'SIG-101', examCode: `EX-${exam.code}` });

    const edited = await admin.put(`/api/admin/trainings/${created.id}`, {
      title: { fr: 'Signalisation routière' },
      validityMonths: null,
      maxAttempts: 2,
      retakeWaitDays: 14,
      counterEnrolment: false,
      servicePointIds: [sp.id, other.id],
      examId: exam.examId,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: { fr: 'Signalisation routière' },
      validityMonths: null,
      maxAttempts: 2,
      retakeWaitDays: 14,
      counterEnrolment: false,
      servicePoints: [
        { id: sp.id, name: 'Point Laval' },
        { id: other.id, name: 'Point Sherbrooke' },
      ],
    });
    const updated = (await auditOf('training.updated')).at(-1)!;
    expect(JSON.parse(updated.payload)).toMatchObject({
      trainingCode: 'SIG-101',
      servicePointsAdded: [other.id],
      servicePointsRemoved: [],
    });
    expect(JSON.parse(updated.payload).changed).toEqual(
      expect.arrayContaining(['title', 'title_en', 'validity_months', 'max_attempts', 'retake_wait_days']),
    );

    const list = await admin.get('/api/admin/trainings?q=signal&sort=title');
    expect(list.json().trainings.map((x: { code: string }) => x.code)).toEqual(['SIG-101']);
  });

  it('refuses bad input with a 400 naming the field, in French and in English, writing nothing', async () => {
    const before = (await t.ctx.db.selectFrom('trainings').select('id').execute()).length;
    const bad = await admin.post('/api/admin/trainings', {
      code: 'X1',
      title: { fr: 'Titre' },
      validityMonths: 12,
      maxAttempts: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation', field: 'maxAttempts' });
    expect(bad.json().error.message).toContain('maxAttempts');
    const en = await Client.start(t.app, 'en');
    const a = await makeAdmin(t.ctx);
    await t.ctx.db.updateTable('users').set({ language: 'en' }).where('id', '=', a.id).execute();
    await en.signIn(a.username);
    const badCode = await en.post('/api/admin/trainings', {
      code: 'pas un code!',
      title: { fr: 'T' },
      validityMonths: null,
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error).toMatchObject({ code: 'validation', field: 'code', message: 'Invalid field: code.' });
    const taken = await admin.post('/api/admin/trainings', {
      code: 'SIG-101',
      title: { fr: 'T' },
      validityMonths: null,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'training_code_taken', field: 'code' });
    expect(taken.json().error.message).toBe('Une formation a déjà le code « SIG-101 ».');
    expect((await t.ctx.db.selectFrom('trainings').select('id').execute()).length).toBe(before);
  });

  it('enrols one learner found by name, refuses a service point that does not offer the training, unenrols', async () => {
    const training = await createTraining('ENR-1');
    const l = await makeLearner(t.ctx, { firstName: 'Geneviève', lastName: 'Bélanger' });
    const found = await admin.get('/api/admin/enrolments/learners?q=belanger%20genev');
    expect(found.json().learners.map((x: { id: string }) => x.id)).toContain(l.id);

    const elsewhere = await admin.post('/api/admin/enrolments', {
      learnerId: l.id,
      trainingId: training.id,
      servicePointId: other.id,
    });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error).toMatchObject({ code: 'training_not_offered', field: 'servicePointId' });

    const res = await admin.post('/api/admin/enrolments', {
      learnerId: l.id,
      trainingId: training.id,
      servicePointId: sp.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const again = await admin.post('/api/admin/enrolments', {
      learnerId: l.id,
      trainingId: training.id,
      servicePointId: sp.id,
    });
    expect(again.statusCode).toBe(409);
    const created = (await auditOf('enrolment.created')).at(-1)!;
    expect(created.subject_user_id).toBe(l.id);
    expect(JSON.parse(created.payload)).toEqual({ trainingCode: 'ENR-1', via: 'administration' });

    const list = await admin.get(`/api/admin/enrolments?trainingId=${training.id}&q=bel&sort=learner`);
    expect(list.json().enrolments).toMatchObject([{ learner: { id: l.id }, servicePoint: { name: 'Point Laval' } }]);

    // The service point cannot be withdrawn from the offer while someone is enrolled there.
    const withdraw = await admin.put(`/api/admin/trainings/${training.id}`, {
      title: training.title,
      validityMonths: 36,
      servicePointIds: [],
    });
    expect(withdraw.statusCode).toBe(409);
    expect(withdraw.json().error).toMatchObject({ code: 'offering_in_use', field: 'servicePointIds' });

    const gone = await admin.delete(`/api/admin/enrolments/${res.json().id}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect(await t.ctx.db.selectFrom('enrolments').select('id').where('user_id', '=', l.id).execute()).toEqual([]);
    const removed = (await auditOf('enrolment.removed')).at(-1)!;
    expect(removed.subject_user_id).toBe(l.id);
    expect((await admin.delete(`/api/admin/enrolments/${res.json().id}`)).statusCode).toBe(404);
  });

  it('keeps an enrolment that has an exam: unenrolling it is refused', async () => {
    const scene = await makeAuthorizedScene(t.ctx);
    const res = await admin.delete(`/api/admin/enrolments/${scene.enrolmentId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('enrolment_has_history');
  });

  const csv = (lines: string[]) => ({
    fileName: 'inscriptions.csv',
    content: Buffer.from(lines.join('\n')).toString('base64'),
  });

  it('previews a CSV line by line without writing, then imports the accepted lines and reports the refused ones', async () => {
    const training = await createTraining('CSV-1');
    const a = await makeLearner(t.ctx);
    const b = await makeLearner(t.ctx);
    const c = await makeLearner(t.ctx);
    const codeOf = async (id: string) =>
      (await t.ctx.db.selectFrom('users').select('user_code').where('id', '=', id).executeTakeFirstOrThrow()).user_code;
    const aCode = await codeOf(a.id);
    const file = csv([
      'code d’utilisateur;formation;point de service',
      `${aCode.slice(0, 4)}-${aCode.slice(4)};CSV-1;Point Laval`,
      `${b.username}@example.test;CSV-1;point laval`,
      `inconnu@example.test;CSV-1;Point Laval`,
      `${b.username}@example.test;CSV-1;Point Laval`,
      `${c.username}@example.test;CSV-1;Point Sherbrooke`,
      `${a.username}@example.test;CSV-1`,
    ]);
    const countEnrolments = async () =>
      (await t.ctx.db.selectFrom('enrolments').select('id').where('training_id', '=', training.id).execute()).length;

    const preview = await admin.post('/api/admin/enrolments/import/preview', file);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json<ImportPreview>();
    expect(p.accepted).toBe(2);
    expect(p.refused).toBe(4);
    expect(p.lines.map((l) => [l.line, l.outcome])).toEqual([
      [2, 'enrol'],
      [3, 'enrol'],
      [4, 'refused'],
      [5, 'refused'],
      [6, 'refused'],
      [7, 'refused'],
    ]);
    expect(p.lines[2]!.reasons[0]!.fr).toBe(
      'aucun compte n’a le code d’utilisateur, le nom d’utilisateur ou le courriel « inconnu@example.test ».',
    );
    expect(p.lines[3]!.reasons[0]!.en).toBe('same enrolment as on line 3.');
    expect(p.lines[4]!.reasons[0]!.fr).toBe(
      'la formation « CSV-1 » n’est pas offerte au point de service « Point Sherbrooke ».',
    );
    expect(p.lines[5]!.reasons[0]!.fr).toMatch(/^trois colonnes attendues/);
    expect(await countEnrolments()).toBe(0);

    const done = await admin.post('/api/admin/enrolments/import', file);
    expect(done.statusCode, done.body).toBe(200);
    const r = done.json<ImportResult>();
    expect(r.enrolled).toBe(2);
    expect(r.refused.map((l) => l.line)).toEqual([4, 5, 6, 7]);
    expect(await countEnrolments()).toBe(2);
    const imported = (await auditOf('enrolment.imported')).at(-1)!;
    expect(JSON.parse(imported.payload)).toEqual({ fileName: 'inscriptions.csv', enrolled: 2, refused: 4 });
    const viaImport = (await auditOf('enrolment.created')).filter((x) => JSON.parse(x.payload).via === 'import');
    expect(viaImport.map((x) => x.subject_user_id).sort()).toEqual([a.id, b.id].sort());

    // Imported again: every line is now refused (already enrolled), nothing more is written.
    const twice = await admin.post('/api/admin/enrolments/import', file);
    expect(twice.json<ImportResult>().enrolled).toBe(0);
    expect(await countEnrolments()).toBe(2);
  });

  it('refuses a file that is not UTF-8 naming its line, with the command line’s message', async () => {
    const latin1 = Buffer.from(`abc@example.test;CSV-1;Point Laval\nb\xe9langer;CSV-1;Point Laval\n`, 'latin1');
    const res = await admin.post('/api/admin/enrolments/import/preview', {
      fileName: 'lot.csv',
      content: latin1.toString('base64'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'import_invalid', field: 'content' });
    expect(res.json().error.message).toContain('lot.csv, ligne 2 : le fichier n’est pas en UTF-8');
  });

  it('offers the exams for the training form with their titles in both languages', async () => {
    await t.ctx.db
      .updateTable('exam_versions')
      .set({ title_en: `Exam ${exam.code}` })
      .where('exam_id', '=', exam.examId)
      .execute();
    const res = await admin.get('/api/admin/catalog/options');
    expect(res.statusCode).toBe(200);
    expect(res.json().exams).toContainEqual({
      id: exam.examId,
      code: `EX-${exam.code}`,
      title: { fr: `Examen ${exam.code}`, en: `Exam ${exam.code}` },
    });
  });

  it('refuses every administration route to an operator', async () => {
    const op = await makeOperator(t.ctx, sp.id);
    const c = await Client.start(t.app);
    await c.signIn(op.username);
    for (const url of [
      '/api/admin/trainings',
      '/api/admin/enrolments',
      '/api/admin/audit',
      '/api/admin/catalog/options',
    ])
      expect((await c.get(url)).statusCode, url).toBe(403);
    expect((await c.post('/api/admin/enrolments/import', csv(['a;b;c']))).statusCode).toBe(403);
  });
});
