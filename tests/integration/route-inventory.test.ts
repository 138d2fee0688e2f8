import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/server/policies.js';
import { capabilities } from '../../src/server/policies.js';
import { dbKinds } from '../support/databases.js';
import { makeLearner, makeManager, makeServicePoint } from '../support/factories.js';
import { Client, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Walks every route the app registers. A route is reachable without sign-in only if it is on this
 * allow-list; every other route must refuse an anonymous caller, and a route for operators or
 * administrators must refuse a plain learner.
 */
const PUBLIC_ROUTES = new Set([
  'GET /api/session',
  'POST /api/auth/sign-in',
  'POST /api/auth/forgot',
  'POST /api/auth/reset',
  'POST /api/register',
  'GET /healthz',
  'GET /metrics',
  'GET /api/verify/:cardNumber',
  'POST /api/verify/:cardNumber',
  'GET /.well-known/vigie-card-key',
  'GET /.well-known/vigie-card-key.pem',
  'GET /*',
  'GET /vendor/human/models/:file',
  'GET /vendor/human/wasm/:file',
  // The API's documentation (http/docs.routes.ts says why it is public).
  'GET /api/docs',
  'GET /api/docs/openapi.json',
]);

const kind = dbKinds()[0]!;

describe('route inventory', () => {
  let t: TestApp;
  const routes: { method: string; url: string; access: Access | undefined }[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind);
    const seen = new Set<string>();
    for (const r of (t.app as unknown as { vigieRoutes?: typeof routes }).vigieRoutes ?? []) {
      const key = `${r.method} ${r.url}`;
      if (!seen.has(key)) {
        seen.add(key);
        routes.push(r);
      }
    }
  });
  afterAll(async () => t.close());

  it('knows the routes', () => {
    expect(routes.length).toBeGreaterThan(10);
  });

  it('every route declares its access, and only allow-listed routes are public', () => {
    for (const r of routes) {
      expect(r.access, `${r.method} ${r.url}`).toBeDefined();
      const method = r.method === 'HEAD' ? 'GET' : r.method;
      if (r.access === 'public')
        expect(PUBLIC_ROUTES.has(`${method} ${r.url}`), `${r.method} ${r.url} is public but not allow-listed`).toBe(
          true,
        );
    }
  });

  const fill = (url: string) => url.replace(/:(\w+)/g, 'unknown-id').replace('/*', '/x');

  it('refuses every non-public route without sign-in', async () => {
    const c = await Client.start(t.app);
    for (const r of routes.filter((x) => x.access !== 'public' && x.method !== 'HEAD')) {
      const res = await c.request({
        method: r.method as 'GET',
        url: fill(r.url),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect([401], `${r.method} ${r.url} answered ${res.statusCode}`).toContain(res.statusCode);
    }
  });

  it('refuses operator and administrator routes to a learner', async () => {
    const l = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    await c.signIn(l.username);
    const learnerCaps = Object.entries(capabilities)
      .filter(([, roles]) => (roles as readonly string[]).includes('learner'))
      .map(([k]) => k);
    for (const r of routes.filter(
      (x) => x.access && x.access !== 'public' && !learnerCaps.includes(x.access) && x.method !== 'HEAD',
    )) {
      const res = await c.request({
        method: r.method as 'GET',
        url: fill(r.url),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it('refuses administrator-only and desk routes to a manager (« Gestionnaire de point de service »)', async () => {
    const sp = await makeServicePoint(t.ctx);
    const m = await makeManager(t.ctx, sp.id);
    const c = await Client.start(t.app);
    await c.signIn(m.username);
    const managerCaps = Object.entries(capabilities)
      .filter(([, roles]) => (roles as readonly string[]).includes('manager'))
      .map(([k]) => k);
    expect(managerCaps).toContain('service_point.manage');
    const refused = routes.filter(
      (x) => x.access && x.access !== 'public' && !managerCaps.includes(x.access) && x.method !== 'HEAD',
    );
    expect(refused.some((r) => r.access === 'admin.manage')).toBe(true);
    for (const r of refused) {
      const res = await c.request({
        method: r.method as 'GET',
        url: fill(r.url),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });
});
