import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../tests/support/databases.js';

/** Migrations are one set of code for both databases: after migrating, both must hold the same tables and columns. */
describe.runIf(!!process.env.TEST_DATABASE_URL)('schema parity', () => {
  it('SQLite and PostgreSQL have the same tables, columns and nullability', async () => {
    const sqlite = await freshDatabase('sqlite');
    const postgres = await freshDatabase('postgres');
    try {
      const describeDb = async (db: typeof sqlite) => {
        const tables = await db.handle.db.introspection.getTables();
        return Object.fromEntries(
          tables
            .filter((t) => !t.name.startsWith('kysely_'))
            .map((t) => [t.name, Object.fromEntries(t.columns.map((c) => [c.name, { nullable: c.isNullable }]))]),
        );
      };
      const a = await describeDb(sqlite);
      const b = await describeDb(postgres);
      expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
      expect(a).toEqual(b);
      expect(Object.keys(a).length).toBeGreaterThan(15);
    } finally {
      await sqlite.drop();
      await postgres.drop();
    }
  });
});
