import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DbHandle } from '../../src/server/db/index.js';

/** One migrated template per checkout, so test runs in two worktrees never share one. */
export const PG_TEMPLATE = `vigie_tpl_${createHash('sha1').update(process.cwd()).digest('hex').slice(0, 10)}`;

export type DbKind = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL whenever TEST_DATABASE_URL is set (CI sets it). */
export function dbKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export function adminUrl(url: string) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export interface TestDatabase {
  handle: DbHandle;
  dataDir: string;
  /** Connection string (PostgreSQL) for tests that start a second process or instance. */
  url?: string;
  sqliteFile?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given kind, for one test file. */
export async function freshDatabase(kind: DbKind): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-test-'));
  if (kind === 'sqlite') {
    const sqliteFile = path.join(dataDir, 'vigie.db');
    const handle = openDatabase({ dataDir, sqliteFile });
    await migrateToLatest(handle.db);
    return {
      handle,
      dataDir,
      sqliteFile,
      async drop() {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `vigie_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl(base) });
  await admin.connect();
  await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const handle = openDatabase({ databaseUrl: url, dataDir });
  return {
    handle,
    dataDir,
    url,
    async drop() {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl(base) });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
