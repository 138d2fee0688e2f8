import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/server/policies.js';
import { dbKinds } from '../support/databases.js';
import {
  enrol,
  makeAuthorizedScene,
  makeLearner,
  makeManager,
  makeOperator,
  makeServicePoint,
  makeTraining,
  markReady,
} from '../support/factories.js';
import { Client, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every operator route, tried with the ids of another service point's learner, attempt and workstation:
 * an operator of that other service point must get exactly the answer given for an id that does not exist.
 */
/** A valid body for the routes that take one, so the request reaches the access check (not a 400). */
const BODIES: Record<string, unknown> = {
  'POST /api/desk/attempts/:attemptId/pause': { reason: 'Alarme incendie' },
  'POST /api/desk/attempts/:attemptId/time': { minutes: 5, reason: 'Mesure d’adaptation' },
  'POST /api/desk/attempts/:attemptId/move': { workstationId: 'does-not-exist', reason: 'Poste en panne' },
  'POST /api/desk/learners/:learnerId/accommodations': {
    kind: 'extra_25',
    reason: 'Trouble d’apprentissage',
    grantedBy: 'Direction des études',
    validUntil: '2099-12-31',
  },
  'POST /api/desk/learners/:learnerId/irregularities': { category: 'behaviour', description: 'Regarde l’écran voisin' },
};
const bodyOf = (r: { method: string; url: string }) =>
  r.method === 'GET' ? undefined : (BODIES[`${r.method} ${r.url}`] ?? {});

describe.each(dbKinds())('service point isolation on %s', (kind) => {
  let t: TestApp;
  let routes: { method: string; url: string; access: Access | undefined }[];
  let scene: Awaited<ReturnType<typeof makeAuthorizedScene>>;
  let outsider: Client;

  beforeAll(async () => {
    t = await createTestApp(kind);
    scene = await makeAuthorizedScene(t.ctx);
    await markReady(t.ctx, scene.learner.id, scene.sp.id, scene.operator.id);
    const elsewhere = await makeServicePoint(t.ctx, 'Ailleurs');
    const op = await makeOperator(t.ctx, elsewhere.id);
    outsider = await Client.start(t.app);
    await outsider.signIn(op.username);
    const all = (t.app as unknown as { vigieRoutes: typeof routes }).vigieRoutes;
    routes = all.filter(
      (r) => r.access === 'desk.use' && r.method !== 'HEAD' && /:(learnerId|attemptId|workstationId)/.test(r.url),
    );
  });
  afterAll(async () => t.close());

  it('covers the operator routes that name a learner, an attempt or a workstation', () => {
    expect(routes.length).toBeGreaterThanOrEqual(4);
  });

  it('answers "not yours" exactly like "does not exist"', async () => {
    const real = (url: string) =>
      url
        .replace(':learnerId', scene.learner.id)
        .replace(':attemptId', scene.attemptId)
        .replace(':workstationId', scene.sp.workstations[0]!.id)
        .replace(/:(\w+)/g, 'x');
    const missing = (url: string) => url.replace(/:(\w+)/g, 'does-not-exist');
    for (const r of routes) {
      const payload = bodyOf(r);
      const a = await outsider.request({ method: r.method as 'GET', url: real(r.url), payload });
      const b = await outsider.request({ method: r.method as 'GET', url: missing(r.url), payload });
      expect(a.statusCode, `${r.method} ${r.url}`).toBe(b.statusCode);
      expect(a.statusCode, `${r.method} ${r.url}`).toBeGreaterThanOrEqual(400);
      expect(a.body, `${r.method} ${r.url}`).toBe(b.body);
    }
    // And nothing changed: the authorization is still there.
    const row = await t.ctx.db
      .selectFrom('attempts')
      .select('state')
      .where('id', '=', scene.attemptId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('authorized');
    // No accommodation granted, no irregularity reported.
    for (const table of ['accommodations', 'irregularities'] as const)
      expect(await t.ctx.db.selectFrom(table).select('id').execute(), table).toEqual([]);
  });

  it('answers a learner calling operator routes the same as for a missing resource', async () => {
    const c = await Client.start(t.app);
    await c.signIn(scene.learner.username);
    for (const r of routes) {
      const payload = bodyOf(r);
      const a = await c.request({
        method: r.method as 'GET',
        url: r.url
          .replace(':learnerId', scene.learner.id)
          .replace(':attemptId', scene.attemptId)
          .replace(/:(\w+)/g, 'x'),
        payload,
      });
      const b = await c.request({
        method: r.method as 'GET',
        url: r.url.replace(/:(\w+)/g, 'does-not-exist'),
        payload,
      });
      expect(a.statusCode, `${r.method} ${r.url}`).toBe(b.statusCode);
      expect(a.body).toBe(b.body);
    }
  });

  it('walk-ins: another service point’s counter training answers like one that does not exist, and enrols nobody', async () => {
    await t.ctx.db
      .updateTable('trainings')
      .set({ counter_enrolment: 1 })
      .where('id', '=', scene.training.trainingId)
      .execute();
    await t.ctx.db
      .insertInto('training_service_points')
      .values({
        training_id: scene.training.trainingId,
        service_point_id: scene.sp.id,
        created_at: t.ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['training_id', 'service_point_id']).doNothing())
      .execute();
    const walkIn = await makeLearner(t.ctx);
    const body = (trainingId: string) => ({ login: walkIn.username, trainingId });
    const a = await outsider.post('/api/desk/walk-ins', body(scene.training.trainingId));
    const b = await outsider.post('/api/desk/walk-ins', body('does-not-exist'));
    expect(a.statusCode).toBe(404);
    expect(a.body).toBe(b.body);
    const hint = await outsider.get('/api/desk/walk-ins?q=tremblay');
    expect(hint.json().counterTrainings).toEqual([]);
    expect(await t.ctx.db.selectFrom('enrolments').select('id').where('user_id', '=', walkIn.id).execute()).toEqual([]);
  });
});

/**
 * Every route of a service point's own administration (`service_point.manage`) that names a service point or a
 * workstation, tried by the manager of another service point: exactly the answer for an id that does not exist,
 * and nothing changed.
 */
describe.each(dbKinds())('manager isolation on %s', (kind) => {
  let t: TestApp;
  let routes: { method: string; url: string; access: Access | undefined }[];
  let theirs: Awaited<ReturnType<typeof makeServicePoint>>;
  let theirOperator: Awaited<ReturnType<typeof makeOperator>>;
  let theirLearner: Awaited<ReturnType<typeof makeLearner>>;
  let outsider: Client;

  beforeAll(async () => {
    t = await createTestApp(kind);
    theirs = await makeServicePoint(t.ctx, 'Point B');
    theirOperator = await makeOperator(t.ctx, theirs.id);
    theirLearner = await makeLearner(t.ctx);
    await enrol(t.ctx, theirLearner.id, (await makeTraining(t.ctx)).trainingId, theirs.id);
    const mine = await makeServicePoint(t.ctx, 'Point A');
    const m = await makeManager(t.ctx, mine.id);
    outsider = await Client.start(t.app);
    await outsider.signIn(m.username);
    const all = (t.app as unknown as { vigieRoutes: typeof routes }).vigieRoutes;
    routes = all.filter(
      (r) =>
        r.access === 'service_point.manage' && r.method !== 'HEAD' && /:(servicePointId|workstationId)/.test(r.url),
    );
  });
  afterAll(async () => t.close());

  it('covers the manager routes that name a service point or a workstation', () => {
    expect(routes.length).toBeGreaterThanOrEqual(8);
  });

  it('answers "not yours" exactly like "does not exist", and changes nothing', async () => {
    const payloadFor = (r: { method: string; url: string }) => {
      if (r.method === 'GET') return undefined;
      if (r.url.includes('/staff/')) return { userId: theirOperator.id, role: 'operator' };
      if (r.url.endsWith('/workstations') || r.method === 'PUT') return { name: 'Intrus' };
      if (r.url.endsWith('/irregularities')) return { category: 'other', description: 'Intrus' };
      return {};
    };
    for (const r of routes) {
      const payload = payloadFor(r);
      const real = r.url
        .replace(':servicePointId', theirs.id)
        .replace(':workstationId', theirs.workstations[0]!.id)
        .replace(':learnerId', theirLearner.id);
      const missing = r.url.replace(/:(\w+)/g, 'does-not-exist');
      const a = await outsider.request({ method: r.method as 'GET', url: real, payload });
      const b = await outsider.request({ method: r.method as 'GET', url: missing, payload });
      expect(a.statusCode, `${r.method} ${r.url}`).toBe(404);
      expect(a.body, `${r.method} ${r.url}`).toBe(b.body);
    }
    const ws = await t.ctx.db
      .selectFrom('workstations')
      .select(['name', 'retired_at', 'registrations_valid_from'])
      .where('service_point_id', '=', theirs.id)
      .orderBy('name')
      .execute();
    expect(ws).toEqual([
      { name: 'Poste 1', retired_at: null, registrations_valid_from: null },
      { name: 'Poste 2', retired_at: null, registrations_valid_from: null },
    ]);
    const ops = await t.ctx.db
      .selectFrom('operator_service_points')
      .select('user_id')
      .where('service_point_id', '=', theirs.id)
      .execute();
    expect(ops).toEqual([{ user_id: theirOperator.id }]);
  });
});
