import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeAdmin, makeLearner, makeServicePoint } from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { AuditEntryDetail } from '../../../shared/catalog-admin.js';
import * as servicePoints from '../service-points/service-points.service.js';
import { dayStart } from './audit.admin.js';
import { localDate } from '../service-points/service-points.service.js';

/** « Journal d'audit » through HTTP: filters, pages, one entry, and the chain check (issue 16). */
describe.each(dbKinds())('audit log administration on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let adminUser: Awaited<ReturnType<typeof makeAdmin>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    adminUser = await makeAdmin(t.ctx);
    admin = await Client.start(t.app);
    await admin.signIn(adminUser.username);
  });
  afterAll(async () => t.close());

  it('filters by action, actor, learner and service point, newest first, one page at a time', async () => {
    const sp = await makeServicePoint(t.ctx);
    const learners = [];
    for (let i = 0; i < 55; i++) learners.push(await makeLearner(t.ctx));
    for (const l of learners) await servicePoints.grantOperator(t.ctx, adminUser.id, l.id, sp.id);
    const first = await admin.get(`/api/admin/audit?action=role.operator_granted&actor=${adminUser.username}`);
    expect(first.statusCode, first.body).toBe(200);
    const p1 = first.json();
    expect(p1.entries).toHaveLength(50);
    expect(p1.entries[0].learner.name).toBe('Marie Tremblay');
    expect(p1.entries[0].servicePoint).toEqual({ id: sp.id, name: sp.name });
    expect(p1.actions).toContain('enrolment.created');
    const p2 = (
      await admin.get(
        `/api/admin/audit?action=role.operator_granted&actor=${adminUser.username}&before=${p1.nextBefore}`,
      )
    ).json();
    expect(p2.entries).toHaveLength(5);
    expect(p2.nextBefore).toBeNull();
    const ids = [...p1.entries, ...p2.entries].map((e: { id: number }) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const one = (await admin.get(`/api/admin/audit?learner=${learners[3]!.username}&servicePointId=${sp.id}`)).json();
    expect(one.entries.map((e: { action: string }) => e.action)).toEqual(['role.operator_granted']);
    const detail = await admin.get(`/api/admin/audit/${one.entries[0].id}`);
    expect(detail.json<AuditEntryDetail>().payload).toEqual({ servicePointId: sp.id });
    expect(detail.json<AuditEntryDetail>().hash).toMatch(/^[0-9a-f]{64}$/);

    // Days are the organisation's (America/Toronto): from midnight to 5 a.m. UTC, the UTC date is already tomorrow there.
    const today = localDate(t.ctx.now(), 'America/Toronto');
    const dayAfter = (await admin.get(`/api/admin/audit?from=2099-01-01`)).json();
    expect(dayAfter.entries).toEqual([]);
    expect((await admin.get(`/api/admin/audit?from=${today}&to=${today}`)).json().entries.length).toBeGreaterThan(0);

    const unknown = await admin.get('/api/admin/audit?actor=personne');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('actor');
    const badDay = await admin.get('/api/admin/audit?from=2026-02-30');
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().error.field).toBe('from');
  });

  it('« Vérifier la chaîne » says the chain is intact, then names the entry where it breaks', async () => {
    const ok = await admin.post('/api/admin/audit/verify');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, brokenAt: null });
    const victim = await t.ctx.db
      .selectFrom('audit_log')
      .select(['id', 'action'])
      .orderBy('id')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('audit_log').set({ ip: '10.6.6.6' }).where('id', '=', victim.id).execute();
    const broken = (await admin.post('/api/admin/audit/verify')).json();
    expect(broken).toMatchObject({
      ok: false,
      brokenAt: { id: Number(victim.id), action: victim.action },
      reason: { fr: 'son contenu ne correspond plus à son empreinte : l’entrée a été modifiée.' },
    });
  });

  it('reads a day in the organisation’s time zone', () => {
    expect(dayStart('2026-12-07', 'America/Toronto')).toBe('2026-12-07T05:00:00.000Z');
    expect(dayStart('2026-07-01', 'America/Toronto')).toBe('2026-07-01T04:00:00.000Z');
  });
});
