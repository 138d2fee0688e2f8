import { existsSync, readFileSync } from 'node:fs';
import type { TestApp } from './test-app.js';

/**
 * Everything the database holds, as one searchable string: the SQLite file and its write-ahead log byte for
 * byte, or every row of every PostgreSQL table. Used to prove a secret is stored nowhere in clear.
 */
export async function storedText(t: TestApp): Promise<string> {
  if (t.database.sqliteFile) {
    const parts = [t.database.sqliteFile, `${t.database.sqliteFile}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('utf8'));
    return parts.join('\n');
  }
  const tables = await t.ctx.db.introspection.getTables();
  const out: string[] = [];
  for (const table of tables) {
    const rows = await t.ctx.db
      .selectFrom(table.name as 'users')
      .selectAll()
      .execute();
    // Buffers would be serialised as arrays of numbers by JSON.stringify: turn them into text first.
    for (const row of rows as Record<string, unknown>[])
      out.push(
        Object.values(row)
          .map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v)))
          .join('\u001f'),
      );
  }
  return out.join('\n');
}
