import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { workstationCookie } from '../../../../tests/support/attempts.js';
import {
  enrol,
  makeAdmin,
  makeAuthorizedScene,
  makeLearner,
  makeManager,
  makeOperator,
  makeServicePoint,
  markReady,
} from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { WORKSTATION_COOKIE } from '../../http/workstation.js';
import { REGISTRATION_CACHE_MS } from './workstations.service.js';

describe.each(dbKinds())('service points administration on %s', (kind) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const a = await makeAdmin(t.ctx);
    admin = await Client.start(t.app);
    await admin.signIn(a.username);
  });
  afterAll(async () => t.close());

  const auditActions = async (servicePointId: string) =>
    (
      await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('service_point_id', '=', servicePointId)
        .orderBy('id')
        .execute()
    ).map((r) => r.action);

  it('creates a service point with its workstations, edits it, and audits both', async () => {
    const res = await admin.post('/api/admin/service-points', {
      name: 'Point de service Laval',
      address: '1555, boulevard Chomedey, Laval (Québec)',
      timeZone: 'America/Toronto',
      contact: 'Sylvie Paquette, 450 555-0101',
      workstations: 2,
    });
    expect(res.statusCode).toBe(200);
    const id = res.json().id as string;
    const detail = await admin.get(`/api/admin/service-points/${id}`);
    expect(detail.json()).toMatchObject({
      name: 'Point de service Laval',
      contact: 'Sylvie Paquette, 450 555-0101',
      workstations: [{ name: 'Poste 1' }, { name: 'Poste 2' }],
      closedAt: null,
    });
    const edit = await admin.put(`/api/admin/service-points/${id}`, {
      name: 'Point de service Laval-Centre',
      address: '1555, boulevard Chomedey, Laval (Québec)',
      timeZone: 'America/Montreal',
      contact: 'Sylvie Paquette',
    });
    expect(edit.statusCode).toBe(200);
    expect((await admin.get(`/api/admin/service-points/${id}`)).json()).toMatchObject({
      name: 'Point de service Laval-Centre',
      timeZone: 'America/Montreal',
    });
    expect(await auditActions(id)).toEqual(['service_point.created', 'service_point.updated']);
    const list = await admin.get('/api/admin/service-points?q=laval');
    expect(list.json().servicePoints.map((p: { name: string }) => p.name)).toEqual(['Point de service Laval-Centre']);
  });

  it('refuses bad input with a 400 naming the field, in French and in English, and writes nothing', async () => {
    const before = await t.ctx.db.selectFrom('service_points').select('id').execute();
    const fr = await admin.post('/api/admin/service-points', { name: 'X', address: 'Quelque part 1' });
    expect(fr.statusCode).toBe(400);
    expect(fr.json().error).toMatchObject({ code: 'validation', field: 'name' });
    expect(fr.json().error.message).toContain('name');
    const english = await makeAdmin(t.ctx);
    await t.ctx.db.updateTable('users').set({ language: 'en' }).where('id', '=', english.id).execute();
    const en = await Client.start(t.app, 'en');
    await en.signIn(english.username);
    const tz = await en.post('/api/admin/service-points', {
      name: 'Point Fuseau',
      address: '1 rue du Fuseau',
      timeZone: 'Mars/Olympus',
    });
    expect(tz.statusCode).toBe(400);
    expect(tz.json().error).toMatchObject({ code: 'validation', field: 'timeZone' });
    expect(tz.json().error.message).toMatch(/^Invalid field/);
    const dup = await admin.post('/api/admin/service-points', {
      name: 'Point de service Laval-Centre',
      address: '2 rue Autre',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'service_point_name_taken', field: 'name' });
    expect((await t.ctx.db.selectFrom('service_points').select('id').execute()).length).toBe(before.length);
  });

  it('a closed service point is kept, and accepts no new authorization', async () => {
    const scene = await makeAuthorizedScene(t.ctx);
    const learner = await makeLearner(t.ctx);
    await enrol(t.ctx, learner.id, scene.training.trainingId, scene.sp.id);
    await markReady(t.ctx, learner.id, scene.sp.id, scene.operator.id);
    const op = await Client.start(t.app);
    await op.signIn(scene.operator.username);
    expect((await admin.post(`/api/admin/service-points/${scene.sp.id}/close`)).statusCode).toBe(200);
    const refused = await op.post(`/api/desk/learners/${learner.id}/authorizations`, {
      examId: scene.training.examId,
      workstationId: scene.sp.workstations[1]!.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('service_point_closed');
    expect((await admin.get(`/api/admin/service-points/${scene.sp.id}`)).json().closedAt).not.toBeNull();
    // Not in the list of open points, there when closed ones are asked for.
    const open = await admin.get(`/api/admin/service-points?q=${encodeURIComponent(scene.sp.name.toLowerCase())}`);
    expect(open.json().servicePoints).toEqual([]);
    const all = await admin.get(
      `/api/admin/service-points?closed=1&q=${encodeURIComponent(scene.sp.name.toLowerCase())}`,
    );
    expect(all.json().servicePoints).toHaveLength(1);
    expect((await admin.post(`/api/admin/service-points/${scene.sp.id}/reopen`)).statusCode).toBe(200);
    const again = await op.post(`/api/desk/learners/${learner.id}/authorizations`, {
      examId: scene.training.examId,
      workstationId: scene.sp.workstations[1]!.id,
    });
    expect(again.statusCode).toBe(200);
  });

  it('adds, renames and retires workstations; a retired one is no longer offered at the desk', async () => {
    const sp = await makeServicePoint(t.ctx, 'Point Postes', 1);
    const add = await admin.post(`/api/admin/service-points/${sp.id}/workstations`, { name: 'Poste 2' });
    expect(add.statusCode).toBe(200);
    const id = add.json().id as string;
    const taken = await admin.post(`/api/admin/service-points/${sp.id}/workstations`, { name: 'Poste 2' });
    expect(taken.json().error).toMatchObject({ code: 'workstation_name_taken', field: 'name' });
    expect((await admin.put(`/api/admin/workstations/${id}`, { name: 'Poste fenêtre' })).statusCode).toBe(200);
    const names = async (q = '') =>
      (await admin.get(`/api/admin/service-points/${sp.id}/workstations${q}`))
        .json()
        .workstations.map((w: { name: string }) => w.name);
    expect(await names()).toEqual(['Poste 1', 'Poste fenêtre']);
    expect((await admin.post(`/api/admin/workstations/${id}/retire`)).statusCode).toBe(200);
    expect(await names()).toEqual(['Poste 1']);
    expect(await names('?retired=1')).toEqual(['Poste 1', 'Poste fenêtre']);
    const op = await makeOperator(t.ctx, sp.id);
    const c = await Client.start(t.app);
    await c.signIn(op.username);
    const desk = await c.get('/api/desk');
    expect(desk.json().workstations.map((w: { name: string }) => w.name)).toEqual(['Poste 1']);
    expect((await c.post(`/api/desk/workstations/${id}/register`)).statusCode).toBe(404);
    expect(await auditActions(sp.id)).toEqual([
      'service_point.created',
      'workstation.added',
      'workstation.renamed',
      'workstation.retired',
      'role.operator_granted',
    ]);
  });

  it('shows whether a browser is registered and when last seen; « Révoquer l’enregistrement » ends it', async () => {
    const sp = await makeServicePoint(t.ctx, 'Point Enregistrement', 1);
    const ws = sp.workstations[0]!;
    const op = await makeOperator(t.ctx, sp.id);
    const browser = await Client.start(t.app);
    await browser.signIn(op.username);
    expect((await browser.post(`/api/desk/workstations/${ws.id}/register`)).statusCode).toBe(200);
    const row = async () =>
      (await admin.get(`/api/admin/service-points/${sp.id}/workstations`)).json().workstations[0] as {
        registered: boolean;
        lastSeenAt: string | null;
      };
    expect(await row()).toMatchObject({ registered: true });
    expect((await row()).lastSeenAt).not.toBeNull();
    expect((await browser.get('/api/desk')).json().thisBrowserWorkstationId).toBe(ws.id);
    expect((await admin.post(`/api/admin/workstations/${ws.id}/revoke-registration`)).statusCode).toBe(200);
    expect((await row()).registered).toBe(false);
    // Seen by this instance at once (its cache forgotten), by others within REGISTRATION_CACHE_MS.
    expect((await browser.get('/api/desk')).json().thisBrowserWorkstationId).toBeNull();
    expect((await browser.get('/api/session')).json().workstation).toBeNull();
    // A cookie from before 0035 (no date) no longer counts either; registering again does.
    const legacy = await Client.start(t.app);
    legacy.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, ws.id));
    expect((await legacy.get('/api/session')).json().workstation).toBeNull();
    t.clock.advance(REGISTRATION_CACHE_MS + 1);
    expect((await browser.post(`/api/desk/workstations/${ws.id}/register`)).statusCode).toBe(200);
    expect((await browser.get('/api/desk')).json().thisBrowserWorkstationId).toBe(ws.id);
    expect(await row()).toMatchObject({ registered: true });
  });

  it('grants and removes the operator role; the operator sees the desk at once, and not after', async () => {
    const sp = await makeServicePoint(t.ctx, 'Point Rôles', 1);
    const person = await makeLearner(t.ctx, { firstName: 'Zoé', lastName: 'Ouellette' });
    const c = await Client.start(t.app);
    await c.signIn(person.username);
    expect((await c.get('/api/desk')).statusCode).toBe(403);
    const found = await admin.get('/api/admin/accounts?q=ouellette%20zoe');
    expect(found.json().accounts.map((a: { id: string }) => a.id)).toEqual([person.id]);
    const byCode = await admin.get(`/api/admin/accounts?q=${person.userCode.toLowerCase()}`);
    expect(byCode.json().accounts.map((a: { id: string }) => a.id)).toEqual([person.id]);
    const grant = await admin.post(`/api/admin/service-points/${sp.id}/staff/grant`, {
      userId: person.id,
      role: 'operator',
    });
    expect(grant.statusCode).toBe(200);
    expect((await c.get('/api/desk')).statusCode).toBe(200);
    const detail = (await admin.get(`/api/admin/service-points/${sp.id}`)).json();
    expect(detail.operators.map((o: { id: string }) => o.id)).toEqual([person.id]);
    expect(
      (await admin.post(`/api/admin/service-points/${sp.id}/staff/remove`, { userId: person.id, role: 'operator' }))
        .statusCode,
    ).toBe(200);
    expect((await c.get('/api/desk')).statusCode).toBe(403);
    const bad = await admin.post(`/api/admin/service-points/${sp.id}/staff/grant`, { userId: person.id, role: 'chef' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('role');
  });

  describe('a manager', () => {
    let a: Awaited<ReturnType<typeof makeServicePoint>>;
    let b: Awaited<ReturnType<typeof makeServicePoint>>;
    let manager: Client;
    let bOperator: Awaited<ReturnType<typeof makeOperator>>;

    beforeAll(async () => {
      a = await makeServicePoint(t.ctx, 'Point A du gestionnaire', 2);
      b = await makeServicePoint(t.ctx, 'Point B d’un autre', 2);
      bOperator = await makeOperator(t.ctx, b.id);
      const m = await makeManager(t.ctx, a.id);
      manager = await Client.start(t.app);
      await manager.signIn(m.username);
    });

    it('sees and manages their own service point: workstations and operators', async () => {
      const list = await manager.get('/api/admin/service-points');
      expect(list.json().servicePoints.map((p: { name: string }) => p.name)).toEqual(['Point A du gestionnaire']);
      const session = (await manager.get('/api/session')).json();
      expect(session.capabilities).toContain('service_point.manage');
      expect(session.capabilities).not.toContain('admin.manage');
      expect(session.user.roles).toContain('manager');
      const add = await manager.post(`/api/admin/service-points/${a.id}/workstations`, { name: 'Poste 3' });
      expect(add.statusCode).toBe(200);
      const person = await makeLearner(t.ctx);
      const grant = await manager.post(`/api/admin/service-points/${a.id}/staff/grant`, {
        userId: person.id,
        role: 'operator',
      });
      expect(grant.statusCode).toBe(200);
    });

    it('may not grant the manager role, nor create, edit or close a service point', async () => {
      const person = await makeLearner(t.ctx);
      const res = await manager.post(`/api/admin/service-points/${a.id}/staff/grant`, {
        userId: person.id,
        role: 'manager',
      });
      expect(res.statusCode).toBe(403);
      expect((await manager.post(`/api/admin/service-points/${a.id}/close`)).statusCode).toBe(403);
      expect(
        (await manager.post('/api/admin/service-points', { name: 'Nouveau', address: '1 rue Neuve' })).statusCode,
      ).toBe(403);
      expect((await manager.get(`/api/admin/accounts/${person.id}`)).statusCode).toBe(403);
    });

    it('gets exactly a missing thing’s answer for another service point’s, and changes nothing there', async () => {
      const wsB = b.workstations[0]!.id;
      const tries: [string, string, unknown?][] = [
        ['GET', `/api/admin/service-points/{sp}`],
        ['GET', `/api/admin/service-points/{sp}/workstations`],
        ['POST', `/api/admin/service-points/{sp}/workstations`, { name: 'Intrus' }],
        ['PUT', `/api/admin/workstations/{ws}`, { name: 'Intrus' }],
        ['POST', `/api/admin/workstations/{ws}/retire`, {}],
        ['POST', `/api/admin/workstations/{ws}/revoke-registration`, {}],
        ['POST', `/api/admin/service-points/{sp}/staff/grant`, { userId: bOperator.id, role: 'operator' }],
        ['POST', `/api/admin/service-points/{sp}/staff/remove`, { userId: bOperator.id, role: 'operator' }],
        ['POST', `/api/admin/service-points/{sp}/staff/grant`, { userId: bOperator.id, role: 'manager' }],
      ];
      for (const [method, url, payload] of tries) {
        const real = await manager.request({
          method: method as 'GET',
          url: url.replace('{sp}', b.id).replace('{ws}', wsB),
          payload: payload as object,
        });
        const missing = await manager.request({
          method: method as 'GET',
          url: url.replace('{sp}', 'does-not-exist').replace('{ws}', 'does-not-exist'),
          payload: payload as object,
        });
        expect(real.statusCode, `${method} ${url}`).toBe(404);
        expect(real.body, `${method} ${url}`).toBe(missing.body);
      }
      const wsRows = await t.ctx.db
        .selectFrom('workstations')
        .selectAll()
        .where('service_point_id', '=', b.id)
        .execute();
      expect(wsRows.map((w) => [w.name, w.retired_at])).toEqual([
        ['Poste 1', null],
        ['Poste 2', null],
      ]);
      const ops = await t.ctx.db
        .selectFrom('operator_service_points')
        .select('user_id')
        .where('service_point_id', '=', b.id)
        .execute();
      expect(ops.map((o) => o.user_id)).toEqual([bOperator.id]);
    });

    it('loses their reach as soon as the role is removed', async () => {
      const m = await makeManager(t.ctx, a.id);
      const c = await Client.start(t.app);
      await c.signIn(m.username);
      expect((await c.get(`/api/admin/service-points/${a.id}`)).statusCode).toBe(200);
      await admin.post(`/api/admin/service-points/${a.id}/staff/remove`, { userId: m.id, role: 'manager' });
      expect((await c.get(`/api/admin/service-points/${a.id}`)).statusCode).toBe(403);
    });
  });
});
