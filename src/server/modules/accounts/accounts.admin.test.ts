import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { enrol, makeAdmin, makeLearner, makeServicePoint, makeTraining } from '../../../../tests/support/factories.js';
import { mailsTo as mailsIn } from '../../../../tests/support/outbox.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';

/** « Comptes » for administrators (accounts.admin.ts): roles and enrolments, reset link, unlock, deactivate. */
describe.each(dbKinds())('« Comptes » on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const a = await makeAdmin(t.ctx);
    adminId = a.id;
    admin = await Client.start(t.app);
    await admin.signIn(a.username);
  });
  afterAll(async () => t.close());

  const mailsTo = (to: string) => mailsIn(t.database.dataDir, to);

  it('shows roles and enrolments', async () => {
    const sp = await makeServicePoint(t.ctx, 'Point Comptes', 1);
    const training = await makeTraining(t.ctx);
    const person = await makeLearner(t.ctx, { firstName: 'Hugo', lastName: 'Comptable' });
    await enrol(t.ctx, person.id, training.trainingId, sp.id);
    await admin.post(`/api/admin/service-points/${sp.id}/staff/grant`, { userId: person.id, role: 'manager' });
    const detail = (await admin.get(`/api/admin/accounts/${person.id}`)).json();
    expect(detail).toMatchObject({
      lastName: 'Comptable',
      deactivated: false,
      locked: false,
      roles: { admin: false, operatorAt: [], managerAt: [{ id: sp.id, name: 'Point Comptes' }] },
      enrolments: [{ servicePoint: 'Point Comptes', status: 'in_training' }],
    });
  });

  it('sends the forgot-password mail as a reset link, audited', async () => {
    const person = await makeLearner(t.ctx);
    const email = `${person.username}@example.test`;
    const res = await admin.post(`/api/admin/accounts/${person.id}/reset-link`);
    expect(res.json()).toEqual({ sent: true });
    await vi.waitFor(() => expect(mailsTo(email)).toHaveLength(1), { timeout: 5000 });
    expect(mailsTo(email)[0]).toMatch(/reinitialiser\?jeton=/);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('subject_user_id', '=', person.id)
      .where('action', '=', 'account.reset_link_sent')
      .execute();
    expect(audit).toEqual([{ action: 'account.reset_link_sent', actor_id: adminId }]);
  });

  it('unlocks an account throttled by failed sign-ins', async () => {
    const person = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    for (let i = 0; i < 6; i++) await c.post('/api/auth/sign-in', { login: person.username, password: 'wrong-wrong' });
    expect((await admin.get(`/api/admin/accounts/${person.id}`)).json().locked).toBe(true);
    expect(
      (await c.post('/api/auth/sign-in', { login: person.username, password: 'vigie-demo-2026' })).statusCode,
    ).toBe(401);
    expect((await admin.post(`/api/admin/accounts/${person.id}/unlock`)).statusCode).toBe(200);
    expect((await admin.get(`/api/admin/accounts/${person.id}`)).json()).toMatchObject({
      locked: false,
      recentFailures: 0,
    });
    await c.signIn(person.username);
  });

  it('deactivates: sessions end at once, sign-in refused, history kept; reactivates', async () => {
    const person = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    await c.signIn(person.username);
    expect((await c.get('/api/account')).statusCode).toBe(200);
    expect((await admin.post(`/api/admin/accounts/${person.id}/deactivate`)).statusCode).toBe(200);
    expect((await c.get('/api/account')).statusCode).toBe(401);
    const again = await Client.start(t.app);
    const refused = await again.post('/api/auth/sign-in', { login: person.username, password: 'vigie-demo-2026' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('account_deactivated');
    const wrong = await again.post('/api/auth/sign-in', { login: person.username, password: 'not-the-password' });
    expect(wrong.json().error.code).toBe('bad_credentials');
    expect(
      (await t.ctx.db.selectFrom('audit_log').select('id').where('subject_user_id', '=', person.id).execute()).length,
    ).toBeGreaterThan(1);
    expect((await admin.get(`/api/admin/accounts/${person.id}`)).json().deactivated).toBe(true);
    expect((await admin.post(`/api/admin/accounts/${person.id}/reactivate`)).statusCode).toBe(200);
    await again.signIn(person.username);
    const self = await admin.post(`/api/admin/accounts/${adminId}/deactivate`);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.field).toBe('userId');
  });
});
