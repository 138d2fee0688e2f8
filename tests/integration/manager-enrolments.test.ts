import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../support/databases.js';
import { enrol, makeLearner, makeManager, makeServicePoint, makeTraining } from '../support/factories.js';
import { Client, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A « Gestionnaire de point de service » (issue 16): « Inscriptions » and « Bilan de la journée » of their own
 * service points only. Every such route tried with another point's ids answers exactly as for an id that does
 * not exist (404), and changes nothing.
 */
describe.each(dbKinds())('a manager’s enrolments and reports on %s', (kind) => {
  let t: TestApp;
  let mine: Awaited<ReturnType<typeof makeServicePoint>>;
  let theirs: Awaited<ReturnType<typeof makeServicePoint>>;
  let training: Awaited<ReturnType<typeof makeTraining>>;
  let trainingCode: string;
  let theirEnrolment: string;
  let manager: Client;

  const csv = (lines: string[]) => ({
    fileName: 'lot.csv',
    content: Buffer.from(['courriel;formation;point de service', ...lines].join('\n')).toString('base64'),
  });
  const enrolmentsAt = async (servicePointId: string) =>
    (
      await t.ctx.db.selectFrom('enrolments').select('user_id').where('service_point_id', '=', servicePointId).execute()
    ).map((r) => r.user_id);

  beforeAll(async () => {
    t = await createTestApp(kind);
    mine = await makeServicePoint(t.ctx, 'Point du gestionnaire');
    theirs = await makeServicePoint(t.ctx, 'Point d’un autre');
    training = await makeTraining(t.ctx);
    trainingCode = (
      await t.ctx.db
        .selectFrom('trainings')
        .select('code')
        .where('id', '=', training.trainingId)
        .executeTakeFirstOrThrow()
    ).code;
    const at = t.ctx.now().toISOString();
    await t.ctx.db
      .insertInto('training_service_points')
      .values(
        [mine.id, theirs.id].map((id) => ({ training_id: training.trainingId, service_point_id: id, created_at: at })),
      )
      .onConflict((oc) => oc.columns(['training_id', 'service_point_id']).doNothing())
      .execute();
    const other = await makeLearner(t.ctx);
    theirEnrolment = await enrol(t.ctx, other.id, training.trainingId, theirs.id);
    const m = await makeManager(t.ctx, mine.id);
    manager = await Client.start(t.app);
    await manager.signIn(m.username);
  });
  afterAll(async () => t.close());

  it('lists, offers and enrols at their own service point only', async () => {
    const options = (await manager.get('/api/admin/enrolments/options')).json();
    expect(options.servicePoints).toEqual([{ id: mine.id, name: 'Point du gestionnaire' }]);
    expect(options.trainings).toHaveLength(1);
    expect(options.trainings[0].servicePoints).toEqual([{ id: mine.id, name: 'Point du gestionnaire' }]);
    expect((await manager.get('/api/admin/enrolments')).json().enrolments).toEqual([]);

    const learner = await makeLearner(t.ctx);
    const res = await manager.post('/api/admin/enrolments', {
      learnerId: learner.id,
      trainingId: training.trainingId,
      servicePointId: mine.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const list = (await manager.get(`/api/admin/enrolments?servicePointId=${mine.id}`)).json().enrolments;
    expect(list.map((e: { learner: { id: string } }) => e.learner.id)).toEqual([learner.id]);
    expect((await manager.delete(`/api/admin/enrolments/${res.json().id}`)).statusCode).toBe(200);
    expect(await enrolmentsAt(mine.id)).toEqual([]);
  });

  it('imports a CSV for their point; another point’s line is refused like a point that does not exist', async () => {
    const a = await makeLearner(t.ctx);
    const b = await makeLearner(t.ctx);
    const file = csv([
      `${a.userCode};${trainingCode};Point du gestionnaire`,
      `${b.userCode};${trainingCode};Point d’un autre`,
      `${b.userCode};${trainingCode};Point inexistant`,
    ]);
    const preview = (await manager.post('/api/admin/enrolments/import/preview', file)).json();
    expect(preview.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['enrol', 'refused', 'refused']);
    const reasons = (n: number) =>
      JSON.stringify(preview.lines[n].reasons).replaceAll(/Point (d’un autre|inexistant)/g, '…');
    expect(reasons(1)).toBe(reasons(2));
    const done = (await manager.post('/api/admin/enrolments/import', file)).json();
    expect(done.enrolled).toBe(1);
    expect(await enrolmentsAt(mine.id)).toEqual([a.id]);
    expect(await enrolmentsAt(theirs.id)).not.toContain(b.id);
  });

  it('answers another point’s ids exactly like ids that do not exist, and changes nothing', async () => {
    const learner = await makeLearner(t.ctx);
    const same = async (
      method: 'GET' | 'POST' | 'DELETE',
      url: (id: string) => string,
      body?: (id: string) => object,
    ) => {
      const real = await manager.request({ method, url: url(theirs.id), payload: body?.(theirs.id) });
      const missing = await manager.request({ method, url: url('does-not-exist'), payload: body?.('does-not-exist') });
      expect(real.statusCode, url(':id')).toBe(missing.statusCode);
      expect(real.body, url(':id')).toBe(missing.body);
      return real.statusCode;
    };
    expect(await same('GET', (id) => `/api/admin/enrolments?servicePointId=${id}`)).toBe(404);
    expect(await same('GET', (id) => `/api/admin/service-points/${id}/summary`)).toBe(404);
    expect(await same('GET', (id) => `/api/admin/service-points/${id}/summary.csv`)).toBe(404);
    expect(await same('DELETE', (id) => `/api/admin/enrolments/${id === theirs.id ? theirEnrolment : id}`)).toBe(404);
    // An id in the body is a field: the same 400 naming it as for a point that does not exist.
    const body = (id: string) => ({ learnerId: learner.id, trainingId: training.trainingId, servicePointId: id });
    expect(await same('POST', () => '/api/admin/enrolments', body)).toBe(400);
    expect(await enrolmentsAt(theirs.id)).toHaveLength(1);
    expect(
      (await t.ctx.db.selectFrom('enrolments').select('id').where('user_id', '=', learner.id).execute()).length,
    ).toBe(0);
  });

  it('reads the day’s report of their own point', async () => {
    const res = await manager.get(`/api/admin/service-points/${mine.id}/summary`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().servicePoint.id).toBe(mine.id);
    const file = await manager.get(`/api/admin/service-points/${mine.id}/summary.csv`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
  });
});
