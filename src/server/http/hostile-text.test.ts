import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../tests/support/databases.js';
import { makeLearner, makeOperator, makeServicePoint } from '../../../tests/support/factories.js';
import { signedIn } from '../../../tests/fuzz/clients.js';
import { Client, createTestApp, type TestApp } from '../../../tests/support/test-app.js';

/**
 * One text type for every string field (issue 14): NUL and other control characters are a 400 naming the
 * field on both databases (PostgreSQL answered 500 to a NUL anywhere, SQLite stored it); names printed on
 * cards refuse bidirectional overrides and zero-width characters; what is stored is NFC.
 */
describe.each(dbKinds())('hostile text on %s', (kind) => {
  let t: TestApp;
  let learner: Client;
  let learnerId: string;
  let desk: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const l = await makeLearner(t.ctx);
    learnerId = l.id;
    learner = await signedIn(t.app, l.username);
    const sp = await makeServicePoint(t.ctx);
    const op = await makeOperator(t.ctx, sp.id);
    desk = await signedIn(t.app, op.username);
  });
  afterAll(async () => t.close());

  /** A 400 `validation` whose body and message both name `field`. */
  function expectRefused(res: { statusCode: number; json(): unknown }, field: string) {
    expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
    const body = res.json() as { error: { code: string; field?: string; message: string } };
    expect(body.error.code).toBe('validation');
    expect(body.error.field).toBe(field);
    expect(body.error.message).toContain(field);
  }

  it('refuses a NUL in sign-in and forgot-password, naming the field', async () => {
    const anon = await Client.start(t.app);
    expectRefused(await anon.post('/api/auth/sign-in', { login: 'a\u0000b', password: 'x' }), 'login');
    expectRefused(await anon.post('/api/auth/sign-in', { login: 'someone', password: 'x\u0000' }), 'password');
    expectRefused(await anon.post('/api/auth/forgot', { login: 'x\u0000@example.test' }), 'login');
  });

  it('refuses a NUL in a path parameter and in a querystring', async () => {
    expectRefused(await desk.get('/api/desk/learners/%00'), 'learnerId');
    expectRefused(await desk.get('/api/desk/learners/ab%00cd/identity'), 'learnerId');
    expectRefused(await desk.get('/api/desk/learners?q=%00'), 'q');
    expectRefused(await learner.get('/api/attempts/%01'), 'attemptId');
  });

  it('refuses control characters (C0, DEL, C1) in a one-line field', async () => {
    for (const bad of ['Ma\u0007rie', 'Ma\nrie', 'Ma\trie', 'Ma\u007Frie', 'Ma\u0085rie', 'Ma\u009Brie'])
      expectRefused(await learner.put('/api/account/profile', { firstName: bad, lastName: 'Tremblay' }), 'firstName');
  });

  it('refuses bidirectional overrides, isolates and zero-width characters in names', async () => {
    for (const bad of [
      'Ali\u202Ece',
      '\u2066Alice\u2069',
      'Al\u200Bice',
      'Al\u200Dice',
      'Al\u2060ice',
      '\uFEFFAlice',
      'Al\u200Fice',
    ])
      expectRefused(await learner.put('/api/account/profile', { firstName: 'Marie', lastName: bad }), 'lastName');
    const row = await t.ctx.db
      .selectFrom('users')
      .select(['first_name', 'last_name'])
      .where('id', '=', learnerId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ first_name: 'Marie', last_name: 'Tremblay' });
  });

  it('stores names in NFC, so « Geneviève » typed decomposed is found and printed alike', async () => {
    const decomposed = 'Genevie\u0300ve';
    const res = await learner.put('/api/account/profile', { firstName: decomposed, lastName: 'Lavigne' });
    expect(res.statusCode).toBe(200);
    const row = await t.ctx.db
      .selectFrom('users')
      .select('first_name')
      .where('id', '=', learnerId)
      .executeTakeFirstOrThrow();
    expect(row.first_name).toBe('Geneviève');
    expect(row.first_name).toBe(decomposed.normalize('NFC'));
  });

  it('refuses a lone surrogate (not text: each database would store something else)', async () => {
    expectRefused(await learner.put('/api/account/profile', { firstName: 'Marie\uD800', lastName: 'X' }), 'firstName');
  });
});
