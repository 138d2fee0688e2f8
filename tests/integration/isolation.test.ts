import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/server/policies.js';
import { dbKinds } from '../support/databases.js';
import { makeAuthorizedScene, makeOperator, makeServicePoint, markReady } from '../support/factories.js';
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
});
