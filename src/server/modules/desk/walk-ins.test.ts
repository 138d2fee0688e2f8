import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { openDesk } from '../../../../tests/support/desk.js';
import { makeLearner, makeOperator, makeServicePoint, makeTraining } from '../../../../tests/support/factories.js';
import { Client, type TestApp } from '../../../../tests/support/test-app.js';
import type { WalkInHint } from '../../../shared/catalog-admin.js';

/** A walk-in at the desk (issue 16): the empty search says accounts match, and the counter enrols them. */
describe.each(dbKinds())('walk-ins at the desk on %s', (kind) => {
  let t: TestApp;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  let op: Client;
  let counter: Awaited<ReturnType<typeof makeTraining>>;
  let adminOnly: Awaited<ReturnType<typeof makeTraining>>;
  beforeAll(async () => {
    const desk = await openDesk(kind);
    ({ t, sp, op } = desk);
    counter = await makeTraining(t.ctx);
    adminOnly = await makeTraining(t.ctx);
    await t.ctx.db
      .updateTable('trainings')
      .set({ counter_enrolment: 1 })
      .where('id', '=', counter.trainingId)
      .execute();
    await t.ctx.db
      .insertInto('training_service_points')
      .values([
        { training_id: counter.trainingId, service_point_id: sp.id, created_at: '2026-01-01T00:00:00.000Z' },
        { training_id: adminOnly.trainingId, service_point_id: sp.id, created_at: '2026-01-01T00:00:00.000Z' },
      ])
      .execute();
  });
  afterAll(async () => t.close());

  it('says how many accounts match (never who), and which trainings the counter may enrol in', async () => {
    await makeLearner(t.ctx, { firstName: 'Zoé', lastName: 'Vachon' });
    await makeLearner(t.ctx, { firstName: 'Zacharie', lastName: 'Vachon' });
    const list = await op.get('/api/desk/learners?q=vachon');
    expect(list.json().learners).toEqual([]);
    const hint = await op.get('/api/desk/walk-ins?q=vachon');
    expect(hint.statusCode, hint.body).toBe(200);
    const h = hint.json<WalkInHint>();
    expect(h).toEqual({
      accounts: 2,
      moreThan: false,
      counterTrainings: [{ id: counter.trainingId, code: counter.code, title: { fr: `Formation ${counter.code}` } }],
    });
    expect(hint.body).not.toContain('Vachon');
    expect(hint.body).not.toContain('@');
    expect((await op.get('/api/desk/walk-ins?q=zzzz')).json<WalkInHint>().accounts).toBe(0);
  });

  it('enrols a walk-in at the counter by user code, audited; the search then finds them', async () => {
    const l = await makeLearner(t.ctx, { firstName: 'Ariane', lastName: 'Comptoir' });
    const code = (
      await t.ctx.db.selectFrom('users').select('user_code').where('id', '=', l.id).executeTakeFirstOrThrow()
    ).user_code;
    const res = await op.post('/api/desk/walk-ins', { login: code.toLowerCase(), trainingId: counter.trainingId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ learnerId: l.id });
    const row = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'enrolment.created')
      .where('subject_user_id', '=', l.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload)).toEqual({ trainingCode: counter.code, via: 'counter' });
    expect(row.service_point_id).toBe(sp.id);
    expect((await op.get('/api/desk/learners?q=comptoir')).json().learners).toHaveLength(1);
    const again = await op.post('/api/desk/walk-ins', { login: l.username, trainingId: counter.trainingId });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a training without counter enrolment, or offered elsewhere, exactly like one that does not exist', async () => {
    const l = await makeLearner(t.ctx);
    const missing = await op.post('/api/desk/walk-ins', { login: l.username, trainingId: 'does-not-exist' });
    const closed = await op.post('/api/desk/walk-ins', { login: l.username, trainingId: adminOnly.trainingId });
    expect(missing.statusCode).toBe(404);
    expect(closed.statusCode).toBe(404);
    expect(closed.body).toBe(missing.body);
    const elsewhere = await makeServicePoint(t.ctx);
    const other = await makeOperator(t.ctx, elsewhere.id);
    const outsider = await Client.start(t.app);
    await outsider.signIn(other.username);
    const foreign = await outsider.post('/api/desk/walk-ins', { login: l.username, trainingId: counter.trainingId });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
    expect((await outsider.get('/api/desk/walk-ins?q=a')).json<WalkInHint>().counterTrainings).toEqual([]);
    expect(await t.ctx.db.selectFrom('enrolments').select('id').where('user_id', '=', l.id).execute()).toEqual([]);
    const unknown = await op.post('/api/desk/walk-ins', {
      login: 'personne@example.test',
      trainingId: counter.trainingId,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('login');
  });
});
