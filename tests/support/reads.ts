import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.js';

/**
 * How many queries `run` starts on `table` through the app's query builder (`db.selectFrom('<table> …')`): what a
 * test counts to say a hot path reads once, or not at all.
 */
export async function readsOf(db: Kysely<Database>, table: string, run: () => Promise<unknown>): Promise<number> {
  let reads = 0;
  const counted = db as unknown as { selectFrom: (...a: unknown[]) => unknown };
  const selectFrom = counted.selectFrom.bind(db);
  counted.selectFrom = (...a: unknown[]) => {
    if (String(a[0]).startsWith(table)) reads++;
    return selectFrom(...a);
  };
  try {
    await run();
  } finally {
    delete (counted as { selectFrom?: unknown }).selectFrom;
  }
  return reads;
}
