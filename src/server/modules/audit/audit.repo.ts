import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

export async function lockChain(trx: Transaction<Database>, postgres: boolean): Promise<void> {
  // The chain needs one writer at a time; SQLite transactions are already serialised.
  if (postgres) await sql`select pg_advisory_xact_lock(7391001)`.execute(trx);
}

export async function lastHash(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.hash;
}

export async function hashOf(db: Executor, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('audit_log').select('hash').where('id', '=', id).executeTakeFirst();
  return row?.hash;
}

export async function insertRow(
  db: Executor,
  row: Database['audit_log'] extends infer T ? Omit<T & object, 'id'> : never,
) {
  await db.insertInto('audit_log').values(row).execute();
}

/** Several rows in one statement; ids follow the array's order. */
/**
 * Rows of 9 values, 1,000 per statement, in order: one statement for an import of 20,000 enrolments passed
 * SQLite's limit of variables (32,766) and PostgreSQL's of bind parameters (65,535).
 */
const ROWS_PER_INSERT = 1000;

export async function insertRows(
  db: Executor,
  rows: (Database['audit_log'] extends infer T ? Omit<T & object, 'id'> : never)[],
) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await db
      .insertInto('audit_log')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute();
}

export async function rowsAfter(db: Executor, afterId: number, limit: number) {
  return db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
