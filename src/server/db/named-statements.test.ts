import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../tests/support/databases.js';
import { createTestApp, type TestApp } from '../../../tests/support/test-app.js';
import { openDatabase } from './index.js';

describe.runIf(dbKinds().includes('postgres'))('named statements on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('postgres');
  });
  afterAll(() => t.close());

  const preparedBy = async (max: number) => {
    const handle = openDatabase({ databaseUrl: t.database.url, dataDir: '', limits: { preparedStatements: max } });
    try {
      return await handle.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 3; i++) await trx.selectFrom('users').select('id').where('id', '=', `u${i}`).execute();
        const many = Array.from({ length: 40 }, (_, i) => `m${i}`);
        await trx.selectFrom('users').select('id').where('id', 'in', many).execute();
        return (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx)).rows.map(
          (r) => r.statement,
        );
      });
    } finally {
      await handle.close();
    }
  };

  it('prepares a statement with parameters once per connection; a batch-sized one stays unnamed', async () => {
    expect(await preparedBy(0)).toEqual([]);
    const named = await preparedBy(500);
    expect(named.filter((s) => s.includes('where "id" = $1'))).toHaveLength(1);
    expect(named.some((s) => s.includes('$40'))).toBe(false);
  });
});
