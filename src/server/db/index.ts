import { createHash } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, type Driver } from 'kysely';
import pg from 'pg';
import { isPostgres } from './dialect.js';
import { migrations } from './migrations/index.js';
import { Checkpointer, DurableSqliteDialect } from './sqlite-durable.js';
import { guardDriver } from './transaction-guard.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  kind: 'sqlite' | 'postgres';
  /** PostgreSQL connection string when kind is postgres (LISTEN/NOTIFY needs its own client). */
  url?: string;
  /** SQLite: how many WAL flushes have completed (each covers every commit before it). */
  walFlushes?: () => number;
  close(): Promise<void>;
}

// Timestamps come back from pg as ISO strings (as SQLite stores them), counts and bigints as numbers.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1184 || oid === 1114)
      return (v: string) => new Date(v.endsWith('Z') || /[+-]\d\d(:?\d\d)?$/.test(v) ? v : v + 'Z').toISOString();
    if (oid === 20) return (v: string) => Number(v);
    if (oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** How long the database may keep a request waiting, whichever it is (config.ts: DB_*). */
export interface DbLimits {
  /** PostgreSQL: connections in the pool. */
  poolSize: number;
  /** Waiting for a connection (PostgreSQL's pool, SQLite's one connection). */
  connectionWaitMs: number;
  /** PostgreSQL: one statement, lock waits included (`statement_timeout`). */
  statementMs: number;
  /** SQLite: the write lock held by another process. */
  lockWaitMs: number;
  /** PostgreSQL: how many statement texts are prepared by name on each connection (0: none; `namedStatements`). */
  preparedStatements: number;
}

export const defaultDbLimits: DbLimits = {
  poolSize: 20,
  connectionWaitMs: 3000,
  statementMs: 15_000,
  lockWaitMs: 2000,
  preparedStatements: 500,
};

/** Kysely's PostgreSQL dialect, its driver guarded against a transaction waiting on itself. */
class GuardedPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return guardDriver(super.createDriver());
  }
}

function openPostgres(url: string, limits: DbLimits, onError: (err: Error & { code?: string }) => void): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: limits.poolSize,
    types: pgTypes as pg.CustomTypesConfig,
    application_name: 'vigie',
    // No wait without an end: for a connection, for a statement (lock waits included), for a transaction
    // left open, for an answer from a server that vanished without closing the socket.
    connectionTimeoutMillis: limits.connectionWaitMs,
    statement_timeout: limits.statementMs,
    lock_timeout: limits.statementMs,
    idle_in_transaction_session_timeout: Math.max(limits.statementMs * 2, 10_000),
    query_timeout: limits.statementMs + 5000,
    keepAlive: true,
  });
  // A connection the server closes (restart, failover, pg_terminate_backend) emits 'error' on its client:
  // on the pool while idle, on the client itself while a request holds it. Unheard, either event ends the
  // process. Each client gets a listener when it is made; the request holding it fails with the error
  // (503 database_unavailable) and the pool drops the dead client and opens a new one when asked.
  // The client's own listener reports it (once: the pool re-emits an idle client's error, heard silently).
  pool.on('error', () => undefined);
  const names = new Map<string, string>();
  pool.on('connect', (client) => {
    client.on('error', onError);
    if (limits.preparedStatements > 0) namedStatements(client, names, limits.preparedStatements);
  });
  const db = new Kysely<Database>({ dialect: new GuardedPostgresDialect({ pool }) });
  return { db, kind: 'postgres', url, close: () => db.destroy() };
}

/**
 * PostgreSQL parses and plans each statement Kysely sends (the unnamed statement) every time. Named, a statement is
 * parsed once per connection and its plan may be kept: the first `max` distinct texts with 1 to 32 parameters
 * that this process sends are named by their text's hash. A batch's statement whose text grows with its size (a
 * `values` or `in` list) is new at each size and runs once per batch: over 32 parameters it is left unnamed, and
 * the bound keeps the rest from growing without end (names live as long as their connection, on the server).
 */
function namedStatements(client: pg.PoolClient, names: Map<string, string>, max: number) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && values.length <= 32) {
      let name = names.get(text);
      if (!name && names.size < max) {
        name = `v${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
        names.set(text, name);
      }
      if (name) return query({ name, text, values }, ...rest);
    }
    return query(text, values, ...rest);
  }) as typeof client.query;
}

export function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  sqliteFile?: string;
  /**
   * SQLite: checkpoint in a worker thread (Checkpointer) — for the long-running server. Others (the command
   * line, tests) keep SQLite's own checkpoint, at 10,000 pages, and start no thread.
   */
  backgroundCheckpoints?: boolean;
  limits?: Partial<DbLimits>;
  /** A connection lost outside any request (logged by the server). */
  onConnectionError?: (err: Error & { code?: string }) => void;
}): DbHandle {
  const limits = { ...defaultDbLimits, ...opts.limits };
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, limits, opts.onConnectionError ?? (() => undefined));
  const file = opts.sqliteFile ?? path.join(opts.dataDir, 'vigie.db');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL, with every commit's WAL flushed off the event loop before it is reported (sqlite-durable.ts):
  // an acknowledged answer survives a power cut, not only a process crash, as with FULL.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Never wait for a lock inside the synchronous call (it stops the event loop): the driver retries
  // asynchronously (sqlite-durable.ts).
  sqlite.pragma('busy_timeout = 0');
  // The server's checkpoints run in a worker (Checkpointer); the writer's own, at 10,000 pages (40 MB), is a
  // safety net there and the checkpoint of everything else.
  sqlite.pragma('wal_autocheckpoint = 10000');
  const dialect = new DurableSqliteDialect(withStatementCache(sqlite), `${file}-wal`, {
    connectionMs: limits.connectionWaitMs,
    lockMs: limits.lockWaitMs,
  });
  const db = new Kysely<Database>({ dialect });
  const checkpointer = opts.backgroundCheckpoints ? new Checkpointer(file) : null;
  return {
    db,
    kind: 'sqlite',
    walFlushes: () => dialect.flusher.completed,
    async close() {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * Kysely asks better-sqlite3 to prepare every statement it runs, and preparing costs more than running
 * most of them. Prepared statements are reused (the most recent 500 texts), except one still iterating.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    inTransaction: () => sqlite.inTransaction,
    prepare(text: string) {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = sqlite.prepare(text);
      cache.set(text, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

export async function migrateToLatest(db: Db): Promise<void> {
  // Migrations from parallel branches may land in any order; each is independent of the others' numbers.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

export { isPostgres };
