import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Binary column: `bytea` on PostgreSQL, `blob` on SQLite. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function blobType(db: Kysely<any>): 'bytea' | 'blob' {
  return isPostgres(db) ? 'bytea' : 'blob';
}

/** An auto-incremented integer primary key `id`, the one place where the two dialects differ. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function serialId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement().notNull());
}
