import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrateToLatest } from '../../src/server/db/index.js';
import type { Database } from '../../src/server/db/schema.js';
import { PG_TEMPLATE, adminUrl } from './databases.js';

/** Migrates one PostgreSQL template database; each test file then copies it (fast, and fresh). */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`drop database if exists ${PG_TEMPLATE} with (force)`);
  await admin.query(`create database ${PG_TEMPLATE}`);
  await admin.end();
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: withDatabase(url, PG_TEMPLATE) }) }),
  });
  await migrateToLatest(db);
  await db.destroy();
}

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
