/**
 * Issue 14, accounts and sessions. Each test here was run, and red, on main before its fix (links from the
 * Host header — now in public-url.test.ts —, account change without the password, the lock anyone could set, forgot-password inside the
 * request, the unbound CSRF pair, remembered operators escaping the idle timeout, clear pictures) — except the
 * three-link cap and the stale-token retry, written with their change.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeLearner, makeOperator, makeServicePoint, PASSWORD } from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { Mailer } from '../../mailer.js';
import { mailsTo as mailsIn } from '../../../../tests/support/outbox.js';
import { afterReplySettled } from './after-reply.js';

const NEW_PASSWORD = 'lampadaire-orange-44';

describe.each(dbKinds())('accounts and sessions against a hostile user on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { OPERATOR_IDLE_MINUTES: '30' });
  });
  afterAll(async () => t.close());

  /** Each test signs in from its own addresses, so the per-address limits of one do not reach another. */
  let lastOctet = 0;
  const address = () => `10.14.${kind === 'sqlite' ? 1 : 2}.${++lastOctet}`;

  async function client(ip = address()) {
    const c = await Client.start(t.app);
    c.remoteAddress = ip;
    return c;
  }

  const mailsTo = (to: string) => mailsIn(t.database.dataDir, to);

  /** Asks for a reset link and waits for its mail (sent after the reply): the link's token. */
  async function resetToken(c: Client, email: string): Promise<string> {
    const before = mailsTo(email).length;
    expect((await c.post('/api/auth/forgot', { login: email })).statusCode).toBe(200);
    await vi.waitFor(() => expect(mailsTo(email).length).toBe(before + 1), { timeout: 5000 });
    return /jeton=([\w-]+)/.exec(mailsTo(email)[before]!)![1]!;
  }

  async function auditOf(userId: string) {
    return t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('subject_user_id', '=', userId)
      .orderBy('id')
      .execute();
  }

  describe('changing the password or the e-mail', () => {
    it('asks for the current password: missing or wrong is a 400 naming currentPassword, audited, nothing changed', async () => {
      const l = await makeLearner(t.ctx);
      const c = await client();
      await c.signIn(l.username);
      const email = `${l.username}@example.test`;
      const missing = await c.put('/api/account', { username: l.username, email, password: NEW_PASSWORD });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.field).toBe('currentPassword');
      const wrong = await c.put('/api/account', {
        username: l.username,
        email: `autre-${l.username}@example.test`,
        currentPassword: 'pas-le-bon-mot-de-passe',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error).toMatchObject({ code: 'current_password_wrong', field: 'currentPassword' });
      expect((await c.get('/api/account')).json().email).toBe(email);
      const actions = (await auditOf(l.id)).map((a) => a.action);
      expect(actions).toContain('account.change_refused');
      // The old password still works; the new one does not.
      const other = await client();
      expect((await other.post('/api/auth/sign-in', { login: l.username, password: NEW_PASSWORD })).statusCode).toBe(
        401,
      );
      await other.signIn(l.username);
      // The user name alone (or saving step 1 again unchanged) needs no password.
      expect((await c.put('/api/account', { username: `${l.username}x`, email })).statusCode).toBe(200);
    });

    it('a password change ends every other session, keeps this one, forgets reset links, tells the address', async () => {
      const l = await makeLearner(t.ctx);
      const email = `${l.username}@example.test`;
      const here = await client();
      await here.signIn(l.username);
      const elsewhere = await client();
      await elsewhere.signIn(l.username, PASSWORD, true);
      const token = await resetToken(await client(), email);
      const mailsBefore = mailsTo(email).length;

      const res = await here.put('/api/account', {
        username: l.username,
        email,
        password: NEW_PASSWORD,
        currentPassword: PASSWORD,
      });
      expect(res.statusCode).toBe(200);
      expect((await here.get('/api/account')).statusCode).toBe(200);
      expect((await elsewhere.get('/api/account')).statusCode).toBe(401);
      const reset = await (await client()).post('/api/auth/reset', { token, password: 'encore-un-autre-mot-9' });
      expect(reset.json().error.code).toBe('reset_link_invalid');
      await vi.waitFor(() => expect(mailsTo(email).length).toBe(mailsBefore + 1), { timeout: 5000 });
      expect(mailsTo(email).at(-1)).toContain('mot de passe');
      expect((await auditOf(l.id)).map((a) => a.action)).toContain('account.updated');
      await (await client()).signIn(l.username, NEW_PASSWORD);
    });

    it('an e-mail change tells the old address and ends the other sessions', async () => {
      const l = await makeLearner(t.ctx);
      const oldEmail = `${l.username}@example.test`;
      const newEmail = `nouveau-${l.username}@example.test`;
      const here = await client();
      await here.signIn(l.username);
      const elsewhere = await client();
      await elsewhere.signIn(l.username);
      const res = await here.put('/api/account', {
        username: l.username,
        email: newEmail,
        currentPassword: PASSWORD,
      });
      expect(res.statusCode).toBe(200);
      expect((await elsewhere.get('/api/account')).statusCode).toBe(401);
      expect((await here.get('/api/account')).json().email).toBe(newEmail);
      await vi.waitFor(() => expect(mailsTo(oldEmail)).toHaveLength(1), { timeout: 5000 });
      expect(mailsTo(oldEmail)[0]).toContain(newEmail);
    });

    it('a successful reset forgets every older link and ends every session', async () => {
      const l = await makeLearner(t.ctx);
      const email = `${l.username}@example.test`;
      const signedIn = await client();
      await signedIn.signIn(l.username);
      const older = await resetToken(await client(), email);
      const newer = await resetToken(await client(), email);
      const c = await client();
      expect((await c.post('/api/auth/reset', { token: newer, password: NEW_PASSWORD })).statusCode).toBe(200);
      expect(
        (await c.post('/api/auth/reset', { token: older, password: 'encore-un-autre-mot-9' })).json().error.code,
      ).toBe('reset_link_invalid');
      expect((await signedIn.get('/api/account')).statusCode).toBe(401);
      await (await client()).signIn(l.username, NEW_PASSWORD);
    });
  });

  describe('sign-in throttling', () => {
    const fail = (c: Client, login: string) => c.post('/api/auth/sign-in', { login, password: 'mauvais-mot-de-passe' });

    it('failures from one address do not keep the owner out from another', async () => {
      const op = await makeOperator(t.ctx, (await makeServicePoint(t.ctx)).id);
      const attacker = await client();
      for (let i = 0; i < 8; i++) expect((await fail(attacker, op.username)).statusCode).toBe(401);
      const owner = await client();
      expect((await owner.post('/api/auth/sign-in', { login: op.username, password: PASSWORD })).statusCode).toBe(200);
    });

    it('a throttled account answers exactly as an unknown one, and the wait doubles, then ends', async () => {
      const l = await makeLearner(t.ctx);
      const c = await client();
      for (let i = 0; i < 5; i++) expect((await fail(c, l.username)).statusCode).toBe(401);
      const unknown = await fail(c, `inconnu-${l.username}`);
      const throttled = await c.post('/api/auth/sign-in', { login: l.username, password: PASSWORD });
      expect(throttled.statusCode).toBe(unknown.statusCode);
      expect(throttled.json()).toEqual(unknown.json());
      expect(unknown.json().error.code).toBe('bad_credentials');

      t.clock.advance(61_000);
      expect((await fail(c, l.username)).statusCode).toBe(401); // the 6th failure: now 2 minutes
      t.clock.advance(61_000);
      expect((await c.post('/api/auth/sign-in', { login: l.username, password: PASSWORD })).statusCode).toBe(401);
      t.clock.advance(60_000);
      expect((await c.post('/api/auth/sign-in', { login: l.username, password: PASSWORD })).statusCode).toBe(200);
      t.clock.unfreeze();
    });
  });

  describe('forgot-password off the request path', () => {
    it('answers the same for an existing and an unknown account even when the mail fails, and logs the failure', async () => {
      const l = await makeLearner(t.ctx);
      const real = t.ctx.mailer;
      const logged = vi.spyOn(t.ctx.log, 'error');
      t.ctx.mailer = { send: () => Promise.reject(new Error('SMTP down')) } satisfies Mailer;
      try {
        const c = await client();
        const known = await c.post('/api/auth/forgot', { login: l.username });
        const unknown = await c.post('/api/auth/forgot', { login: `inconnu-${l.username}` });
        expect(known.statusCode).toBe(200);
        expect(known.json()).toEqual(unknown.json());
        await vi.waitFor(() => expect(logged).toHaveBeenCalled(), { timeout: 5000 });
      } finally {
        t.ctx.mailer = real;
        logged.mockRestore();
      }
    });

    it('sends no more than three usable links to one account, whoever asks', async () => {
      const l = await makeLearner(t.ctx);
      const email = `${l.username}@example.test`;
      for (let i = 0; i < 5; i++)
        expect((await (await client()).post('/api/auth/forgot', { login: email })).statusCode).toBe(200);
      await afterReplySettled(t.ctx);
      expect(mailsTo(email)).toHaveLength(3);
    });

    it('answers before the mail is sent', async () => {
      const l = await makeLearner(t.ctx);
      const real = t.ctx.mailer;
      let release: () => void = () => {};
      const sent = new Promise<void>((resolve) => (release = resolve));
      let asked = false;
      t.ctx.mailer = {
        send: async () => {
          asked = true;
          await sent;
        },
      };
      try {
        const res = await (await client()).post('/api/auth/forgot', { login: l.username });
        expect(res.statusCode).toBe(200);
        await vi.waitFor(() => expect(asked).toBe(true), { timeout: 5000 });
      } finally {
        release();
        t.ctx.mailer = real;
      }
    });
  });

  describe('CSRF bound to the session', () => {
    it('refuses a pair the client made up (a/a), signed in or not', async () => {
      const l = await makeLearner(t.ctx);
      for (const value of ['a', 'x'.repeat(43)]) {
        const anon = await t.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          remoteAddress: address(),
          payload: { login: l.username, password: PASSWORD },
          headers: { cookie: `vigie_csrf=${value}`, 'x-csrf-token': value },
        });
        expect(anon.statusCode).toBe(403);
        expect(anon.json().error.code).toBe('csrf');
      }
      const c = await client();
      await c.signIn(l.username);
      c.cookies.set('vigie_csrf', 'a');
      const forged = await c.request({
        method: 'PUT',
        url: '/api/account/profile',
        payload: { firstName: 'X', lastName: 'Y' },
        headers: { 'x-csrf-token': 'a' },
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.json().error.code).toBe('csrf');
    });

    it('hands a page holding a stale token the current one with the refusal: its one retry goes through', async () => {
      const l = await makeLearner(t.ctx);
      const c = await client();
      const before = c.cookies.get('vigie_csrf')!; // the pre-session token
      await c.signIn(l.username);
      expect(c.cookies.get('vigie_csrf')).not.toBe(before);
      c.cookies.set('vigie_csrf', before);
      const profile = { firstName: 'Marie-Ève', lastName: 'Tremblay' };
      const stale = await c.put('/api/account/profile', profile);
      expect(stale.statusCode).toBe(403);
      expect(stale.json().error.code).toBe('csrf');
      expect(c.cookies.get('vigie_csrf')).not.toBe(before);
      expect((await c.put('/api/account/profile', profile)).statusCode).toBe(200);
    });

    it("refuses another session's token", async () => {
      const l = await makeLearner(t.ctx);
      const mine = await client();
      await mine.signIn(l.username);
      const theirs = await client();
      await theirs.signIn((await makeLearner(t.ctx)).username);
      const token = theirs.cookies.get('vigie_csrf')!;
      mine.cookies.set('vigie_csrf', token);
      const res = await mine.request({
        method: 'PUT',
        url: '/api/account/profile',
        payload: { firstName: 'X', lastName: 'Y' },
        headers: { 'x-csrf-token': token },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf');
      expect((await mine.get('/api/account')).json().firstName).toBe('Marie');
    });
  });

  it("an operator's idle timeout applies even with « Se souvenir de moi »", async () => {
    const op = await makeOperator(t.ctx, (await makeServicePoint(t.ctx)).id);
    const c = await client();
    await c.signIn(op.username, PASSWORD, true);
    expect((await c.get('/api/desk')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const res = await c.get('/api/desk');
    t.clock.unfreeze();
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
  });

  it('a profile picture is stored encrypted and read back decrypted', async () => {
    const l = await makeLearner(t.ctx);
    const c = await client();
    await c.signIn(l.username);
    const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer();
    const boundary = 'vigieboundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="picture"; filename="moi.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await c.request({
      method: 'POST',
      url: '/api/account/profile/picture',
      payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.statusCode).toBe(200);
    const row = await t.ctx.db
      .selectFrom('users')
      .select('profile_picture')
      .where('id', '=', l.id)
      .executeTakeFirstOrThrow();
    const stored = Buffer.from(row.profile_picture!);
    expect(stored.subarray(0, 2).toString('hex')).not.toBe('ffd8');
    expect(t.ctx.secrets.decrypt(stored).subarray(0, 2).toString('hex')).toBe('ffd8');
    const read = await c.get('/api/account/profile/picture');
    expect(read.headers['content-type']).toBe('image/jpeg');
    expect(read.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
  });
});
