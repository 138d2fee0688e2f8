import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeLearner } from '../../../../tests/support/factories.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { down, up } from './0025_desk_search_compact.js';

/** Accounts made before 0025 get the compact name columns and their e-mail's search keys (the backfill). */
describe.each(dbKinds())('migration 0025 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  it('rewrites existing users going up, and back to the folded form going down', async () => {
    const luc = await makeLearner(t.ctx, { firstName: 'Luc', lastName: 'D’Amour', username: 'l.damour' });
    const names = () =>
      t.ctx.db.selectFrom('users').select(['search_first', 'search_last']).where('id', '=', luc.id).executeTakeFirst();
    await down(t.ctx.db);
    expect(await names()).toEqual({ search_first: 'luc', search_last: 'd’amour' });
    await up(t.ctx.db);
    expect(await names()).toEqual({ search_first: 'luc', search_last: 'damour' });
    const keys = await t.ctx.db
      .selectFrom('email_search_keys')
      .select('key')
      .where('user_id', '=', luc.id)
      .orderBy('key')
      .execute();
    expect(keys.map((k) => k.key)).toContain('damourexampletest');
    expect(keys.map((k) => k.key)).toContain('ldamourexampletest');
    expect(keys.map((k) => k.key)).toContain('test');
  });
});
