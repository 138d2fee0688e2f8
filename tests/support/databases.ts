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

/** The PostgreSQL server the benchmarks use: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local one. */
export function benchPgBase(): string {
  return (
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

/** Whether a PostgreSQL server answers at `url` (within 2 s). */
export async function pgReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * A new database `name` on the server of `base` (replacing one left by a killed run), empty or copied from
 * `template`; `drop` removes it.
 */
export async function scratchPgDatabase(base: string, name: string, template?: string) {
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl(base) });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}${template ? ` template ${template}` : ''}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
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
  const scratch = await scratchPgDatabase(
    base,
    `vigie_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`,
    PG_TEMPLATE,
  );
  const handle = openDatabase({ databaseUrl: scratch.url, dataDir });
  return {
    handle,
    dataDir,
    url: scratch.url,
    async drop() {
      await handle.close();
      await scratch.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
