import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { makeLearner, makeOperator, makeServicePoint, PASSWORD } from '../../../../tests/support/factories.js';
import * as servicePoints from '../service-points/service-points.service.js';
import { afterReplySettled } from './after-reply.js';
import * as accounts from './accounts.service.js';

describe.each(dbKinds())('accounts on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { SIGN_IN_PER_ADDRESS: '30' });
  });
  afterAll(async () => t.close());

  async function register(c: Client, username: string, email = `${username}@exemple.qc.ca`) {
    return c.post('/api/register', { username, email, password: 'lampadaire-orange-42' });
  }

  it('registers in four steps, in order, and shows which are complete', async () => {
    const c = await Client.start(t.app);
    const res = await register(c, 'glavigne2');
    expect(res.statusCode).toBe(200);
    expect(res.json().userCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    let account = (await c.get('/api/account')).json();
    expect(account.steps).toEqual({ account: true, profile: false, preferences: false, membership: false });

    // Out of order: preferences before the public profile.
    const early = await c.put('/api/account/preferences', { language: 'fr', notifyEmail: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('step_out_of_order');
    expect(early.json().error.message).toContain('« Mon profil public »');

    expect((await c.put('/api/account/profile', { firstName: 'Geneviève', lastName: 'Lavigne' })).statusCode).toBe(200);
    expect((await c.put('/api/account/membership', { membershipType: 'student', organisation: '' })).statusCode).toBe(
      409,
    );
    expect((await c.put('/api/account/preferences', { language: 'en', notifyEmail: false })).statusCode).toBe(200);
    expect(
      (await c.put('/api/account/membership', { membershipType: 'student', organisation: 'Cégep' })).statusCode,
    ).toBe(200);
    account = (await c.get('/api/account')).json();
    expect(account.steps).toEqual({ account: true, profile: true, preferences: true, membership: true });
    expect(account.firstName).toBe('Geneviève');
    expect(account.language).toBe('en');
  });

  it('refuses a duplicate user name or e-mail whatever the case, and changes nothing', async () => {
    const c = await Client.start(t.app);
    expect((await register(c, 'ecote', 'emile@exemple.qc.ca')).statusCode).toBe(200);
    const c2 = await Client.start(t.app);
    const dupName = await register(c2, 'ECOTE', 'autre@exemple.qc.ca');
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json().error).toMatchObject({ code: 'username_taken', field: 'username' });
    const dupMail = await register(c2, 'ecote2', 'EMILE@exemple.qc.ca');
    expect(dupMail.json().error).toMatchObject({ code: 'email_taken', field: 'email' });
    const n = await t.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('username_lower', 'like', 'ecote%')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('refuses an invalid e-mail and a weak password with a message naming the problem, in French', async () => {
    const c = await Client.start(t.app);
    const bad = await c.post('/api/register', {
      username: 'quelquun',
      email: 'pas-un-courriel',
      password: 'lampadaire-orange-42',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation', field: 'email' });
    const weak = await c.post('/api/register', {
      username: 'quelquun',
      email: 'q@exemple.qc.ca',
      password: 'motdepasse123',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('trop courant');
    const short = await c.post('/api/register', { username: 'quelquun', email: 'q@exemple.qc.ca', password: 'court' });
    expect(short.json().error.message).toContain('au moins 10 caractères');
  });

  it('signs in with the user name or the e-mail; remember-me sets a 30-day cookie, otherwise a browser-session cookie', async () => {
    const l = await makeLearner(t.ctx);
    const a = await Client.start(t.app);
    const byName = await a.post('/api/auth/sign-in', {
      login: l.username.toUpperCase(),
      password: PASSWORD,
      remember: false,
    });
    expect(byName.statusCode).toBe(200);
    const sessionCookie = byName.cookies.find((c) => c.name === 'vigie_sid')!;
    expect(sessionCookie.httpOnly).toBe(true);
    expect(sessionCookie.sameSite).toBe('Lax');
    expect(sessionCookie.expires).toBeUndefined();
    expect(sessionCookie.maxAge).toBeUndefined();
    const b = await Client.start(t.app);
    const byMail = await b.post('/api/auth/sign-in', {
      login: `${l.username}@example.test`,
      password: PASSWORD,
      remember: true,
    });
    const remembered = byMail.cookies.find((c) => c.name === 'vigie_sid')!;
    const days = ((remembered.expires as Date).getTime() - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect((await b.get('/api/session')).json().user.id).toBe(l.id);
  });

  it('ends an unremembered session after 12 hours on the server', async () => {
    const l = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    await c.signIn(l.username);
    t.clock.freezeAt(new Date());
    t.clock.advance(12 * 3600_000 + 1000);
    const res = await c.get('/api/account');
    t.clock.unfreeze();
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
  });

  it('refuses a session cookie after sign-out', async () => {
    const l = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    await c.signIn(l.username);
    const stolen = c.cookies.get('vigie_sid')!;
    expect((await c.post('/api/auth/sign-out')).statusCode).toBe(200);
    const replay = await t.app.inject({
      method: 'GET',
      url: '/api/account',
      headers: { cookie: `vigie_sid=${stolen}` },
    });
    expect(replay.statusCode).toBe(401);
  });

  it('sees a change to a signed-in user at their next request, though sessions are kept in memory for 2 s', async () => {
    // Sessions are cached (sessions.service.ts): each change made by the server forgets what it touches.
    const sp = await makeServicePoint(t.ctx);
    const op = await makeOperator(t.ctx, sp.id);
    const c = await Client.start(t.app);
    await c.signIn(op.username);
    expect((await c.get('/api/desk')).statusCode).toBe(200);
    await servicePoints.removeOperator(t.ctx, null, op.id, sp.id);
    expect((await c.get('/api/desk')).statusCode).toBe(403);
    await servicePoints.grantOperator(t.ctx, null, op.id, sp.id);
    expect((await c.get('/api/desk')).statusCode).toBe(200);
    expect((await c.get('/api/session')).json().user).toMatchObject({ firstName: 'Olivier' });
    await accounts.saveProfile(t.ctx, op.id, { firstName: 'Olive', lastName: 'Opératrice' });
    expect((await c.get('/api/session')).json().user).toMatchObject({ firstName: 'Olive' });
    await accounts.setPassword(t.ctx, op.username, 'lampadaire-orange-43');
    expect((await c.get('/api/account')).statusCode).toBe(401);
  });

  it('refuses a state-changing request with a missing or forged CSRF token', async () => {
    const l = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    await c.signIn(l.username);
    const forged = await c.request({
      method: 'PUT',
      url: '/api/account/profile',
      payload: { firstName: 'X', lastName: 'Y' },
      headers: { 'x-csrf-token': 'forged-token-forged-token-forged-token-00' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { login: l.username, password: PASSWORD },
    });
    expect(missing.statusCode).toBe(403);
    const account = (await c.get('/api/account')).json();
    expect(account.firstName).toBe('Marie');
  });

  it('after 5 failed sign-ins from an address, refuses even the right password from it, as a wrong one', async () => {
    const l = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    for (let i = 0; i < 5; i++) {
      const r = await c.post('/api/auth/sign-in', { login: l.username, password: 'wrong-password-x' });
      expect(r.statusCode).toBe(401);
    }
    const throttled = await c.post('/api/auth/sign-in', { login: l.username, password: PASSWORD });
    expect(throttled.statusCode).toBe(401);
    expect(throttled.json().error.code).toBe('bad_credentials');
  });

  it('rate-limits sign-in per address (SIGN_IN_PER_ADDRESS in 5 minutes)', async () => {
    const c = await Client.start(t.app);
    let last = 0;
    for (let i = 0; i < t.ctx.config.signInPerAddress + 2; i++)
      last = (await c.post('/api/auth/sign-in', { login: `nobody${i}`, password: 'whatever-1234' })).statusCode;
    expect(last).toBe(429);
  });

  it('resets a password with a single-use, time-limited link from the outbox', async () => {
    const l = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    // Use another address: the per-address limit was spent by the previous test.
    const ip = '10.9.8.7';
    const forgot = await c.request({
      method: 'POST',
      url: '/api/auth/forgot',
      payload: { login: `${l.username}@example.test` },
      remoteAddress: ip,
    });
    expect(forgot.statusCode).toBe(200);
    await afterReplySettled(t.ctx); // the link is made and mailed after the reply
    const outbox = path.join(t.database.dataDir, 'outbox');
    const mail = readdirSync(outbox)
      .map((f) => readFileSync(path.join(outbox, f), 'utf8'))
      .find((m) => m.includes(`To: ${l.username}@example.test`) && m.includes('jeton='))!;
    const token = /jeton=([\w-]+)/.exec(mail)![1]!;
    const ok = await c.request({
      method: 'POST',
      url: '/api/auth/reset',
      payload: { token, password: 'nouveau-mot-de-passe-7' },
      remoteAddress: ip,
    });
    expect(ok.statusCode).toBe(200);
    const again = await c.request({
      method: 'POST',
      url: '/api/auth/reset',
      payload: { token, password: 'encore-un-autre-mot-8' },
      remoteAddress: ip,
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('reset_link_invalid');
    const unknown = await c.request({
      method: 'POST',
      url: '/api/auth/reset',
      payload: { token: 'x'.repeat(43), password: 'encore-un-autre-mot-8' },
      remoteAddress: ip,
    });
    expect(unknown.json().error.code).toBe('reset_link_invalid');
    const signIn = await c.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { login: l.username, password: 'nouveau-mot-de-passe-7' },
      remoteAddress: ip,
    });
    expect(signIn.statusCode).toBe(200);
  });

  it('refuses an expired reset link', async () => {
    const l = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    const ip = '10.9.8.6';
    await c.request({ method: 'POST', url: '/api/auth/forgot', payload: { login: l.username }, remoteAddress: ip });
    await afterReplySettled(t.ctx);
    const outbox = path.join(t.database.dataDir, 'outbox');
    const mail = readdirSync(outbox)
      .map((f) => readFileSync(path.join(outbox, f), 'utf8'))
      .find((m) => m.includes(`To: ${l.username}@example.test`) && m.includes('jeton='))!;
    const token = /jeton=([\w-]+)/.exec(mail)![1]!;
    t.clock.advance(61 * 60_000);
    const res = await c.request({
      method: 'POST',
      url: '/api/auth/reset',
      payload: { token, password: 'nouveau-mot-de-passe-7' },
      remoteAddress: ip,
    });
    t.clock.unfreeze();
    expect(res.json().error.code).toBe('reset_link_invalid');
  });

  it('refuses a non-image or oversized profile picture', async () => {
    const l = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    await c.signIn(l.username);
    const form = (data: Buffer, name: string) => {
      const boundary = 'vigieboundary';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="picture"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
    };
    const notImage = await c.request({
      method: 'POST',
      url: '/api/account/profile/picture',
      ...form(Buffer.from('not an image at all'), 'x.png'),
    });
    expect(notImage.statusCode).toBe(400);
    expect(notImage.json().error.code).toBe('invalid_image');
    const big = await c.request({
      method: 'POST',
      url: '/api/account/profile/picture',
      ...form(Buffer.alloc(3 * 1024 * 1024, 1), 'big.png'),
    });
    expect(big.statusCode).toBe(413);
    expect((await c.get('/api/account')).json().hasPicture).toBe(false);
  });
});
