import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrateToLatest } from '../../src/server/db/index.js';
import type { Database } from '../../src/server/db/schema.js';
import { PG_TEMPLATE, scratchPgDatabase } from './databases.js';

/** Migrates one PostgreSQL template database; each test file then copies it (fast, and fresh). */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const template = await scratchPgDatabase(url, PG_TEMPLATE);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: template.url }) }),
  });
  await migrateToLatest(db);
  await db.destroy();
}
