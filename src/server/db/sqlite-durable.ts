import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type TransactionSettings,
  type QueryResult,
} from 'kysely';
import { DatabaseUnavailable } from './errors.js';
import { guardDriver } from './transaction-guard.js';

/**
 * SQLite durability without blocking the event loop.
 *
 * `synchronous = FULL` makes every commit fsync the write-ahead log inside better-sqlite3's synchronous
 * call: the whole server stops for the disk's flush (1–3 ms here) at every commit, however many requests
 * are waiting to be read. Here the database runs with `synchronous = NORMAL` (a commit writes the WAL
 * without flushing it) and the WAL is flushed with `fdatasync` on libuv's thread pool after the commit, before
 * the caller hears that it committed. What a caller is told has committed is as durable as with FULL (the
 * WAL's frames up to and including the commit are on disk, and WAL recovery ignores any torn tail), but
 * the server keeps reading requests during the flush, and one flush covers every commit made before it
 * began (group fsync). Checkpoints keep NORMAL's own syncs: the WAL before, the database file after.
 *
 * A write counts as committed when the connection is handed back (Kysely releases it after COMMIT, or after
 * a statement outside a transaction): the release waits for a flush that began after that commit.
 */
export class WalFlusher {
  private fd: number | null = null;
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  /** Flushes completed so far. */
  completed = 0;

  constructor(private readonly walFile: string) {}

  /** Resolves once the WAL as it is now is on disk. */
  flush(): Promise<void> {
    // A flush already under way may have begun before the caller's commit: the caller waits for the next.
    if (this.next) return this.next;
    if (!this.running) return (this.running = this.run());
    this.next = this.running.then(
      () => this.afterRunning(),
      () => this.afterRunning(),
    );
    return this.next;
  }

  private afterRunning(): Promise<void> {
    this.next = null;
    return (this.running = this.run());
  }

  private run(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const fd = this.open();
      fdatasync(fd, (err) => {
        this.running = null;
        if (err) reject(err);
        else {
          this.completed++;
          resolve();
        }
      });
    });
  }

  private open(): number {
    if (this.fd === null) {
      this.fd = openSync(this.walFile, 'r');
      // The WAL's directory entry must be on disk too, once.
      const dir = openSync(path.dirname(this.walFile), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    return this.fd;
  }

  close() {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** The database as the driver sees it: prepared statements (cached) and whether a transaction is open. */
export interface StatementSource {
  prepare(text: string): SQLite.Statement;
  inTransaction(): boolean;
}

/** How long SQLite may keep a caller waiting before it is answered « busy » (503). */
export interface SqliteWaits {
  /** For the one connection, held by another request's transaction. */
  connectionMs: number;
  /** For the write lock, held by another process (a command-line call, a `sqlite3` shell). */
  lockMs: number;
}

export const defaultSqliteWaits: SqliteWaits = { connectionMs: 3000, lockMs: 2000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isBusy = (err: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown }).code ?? ''));

/**
 * Kysely's SQLite driver, with each committed write flushed (WalFlusher) before it is reported, and lock
 * waits that never block the event loop: SQLite's own `busy_timeout` waits inside the synchronous call
 * (the whole server stopped for up to 5 s per write while another process held the lock), so it is 0 and
 * a busy database is retried here, asynchronously, until `waits.lockMs`; then the caller is answered 503.
 * Transactions begin IMMEDIATE (take the write lock at BEGIN, where a refusal can simply be retried): a
 * deferred transaction that met the lock at its first write could not be retried without starting over.
 */
class DurableDriver implements Driver {
  /** Whether the connection's current use wrote something that committed (or will commit at COMMIT). */
  private wrote = false;
  private commitPending = false;

  constructor(
    private readonly inner: Driver,
    private readonly sqlite: StatementSource,
    private readonly flusher: WalFlusher,
    private readonly waits: SqliteWaits,
  ) {}

  init() {
    return this.inner.init();
  }

  /** Runs `attempt` until SQLite stops answering busy, off the event loop between tries, at most lockMs. */
  private async retryBusy<T>(attempt: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.waits.lockMs;
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      try {
        return await attempt();
      } catch (err) {
        if (!isBusy(err)) throw err;
        if (Date.now() + pause > deadline)
          throw new DatabaseUnavailable('database_busy', 'SQLite: another process holds the write lock', {
            cause: err,
          });
        await sleep(pause);
      }
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const pending = this.inner.acquireConnection();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.waits.connectionMs);
    });
    const connection = await Promise.race([pending, timedOut]);
    clearTimeout(timer);
    if (!connection) {
      // Given up: when the connection comes, it goes straight back to the next in line.
      void pending.then((c) => this.inner.releaseConnection(c));
      throw new DatabaseUnavailable('database_busy', 'SQLite: the connection stayed taken');
    }
    this.commitPending = false;
    this.wrote = false;
    return {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        // Inside a transaction the write lock is already ours (BEGIN IMMEDIATE): busy there is not retried.
        const result = this.sqlite.inTransaction()
          ? await connection.executeQuery<R>(query)
          : await this.retryBusy(() => connection.executeQuery<R>(query));
        // Transaction control statements count as read-only; any other statement that may write does.
        const readonly = this.sqlite.prepare(query.sql).readonly;
        if (!readonly) {
          this.wrote = true;
          if (!this.sqlite.inTransaction()) this.commitPending = true;
        }
        return result;
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings) {
    await this.retryBusy(() => connection.executeQuery(CompiledQuery.raw('begin immediate')));
    // BEGIN IMMEDIATE is not a read-only statement, yet writes nothing: what the transaction writes counts.
    this.wrote = false;
  }

  async commitTransaction(connection: DatabaseConnection) {
    await this.inner.commitTransaction(connection);
    if (this.wrote) this.commitPending = true;
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    // SQLite has already rolled back after some errors (SQLITE_FULL among them): a ROLLBACK then fails with
    // « no transaction is active » and, thrown, would hide the error that caused it.
    if (this.sqlite.inTransaction()) await this.inner.rollbackTransaction(connection);
  }

  async releaseConnection(connection: DatabaseConnection) {
    const mustFlush = this.commitPending;
    this.commitPending = false;
    this.wrote = false;
    // The connection goes back first: the next transaction runs while this one's flush is on its way.
    await this.inner.releaseConnection(connection);
    if (mustFlush) await this.flusher.flush();
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.savepoint!(connection, name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.rollbackToSavepoint!(connection, name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.releaseSavepoint!(connection, name, compile);
  }

  async destroy() {
    await this.inner.destroy();
    this.flusher.close();
  }
}

/** SqliteDialect whose commits are flushed to disk off the event loop (see WalFlusher). */
export class DurableSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: StatementSource & { close(): void },
    walFile: string,
    private readonly waits: SqliteWaits = defaultSqliteWaits,
  ) {
    super({ database: sqlite });
    this.flusher = new WalFlusher(walFile);
  }

  readonly flusher: WalFlusher;

  override createDriver(): Driver {
    return guardDriver(new DurableDriver(super.createDriver(), this.sqlite, this.flusher, this.waits));
  }
}

/**
 * Checkpoints (copying the WAL back into the database file, then syncing it) in a worker thread with a
 * connection of its own, every `everyMs`: run by the writing connection, as SQLite does by default every
 * 1000 pages, a checkpoint's copy and its two flushes stop the event loop for several milliseconds. PASSIVE
 * checkpoints never wait for the writer, and the writer never waits for them. The writer keeps an automatic
 * checkpoint as a safety net, far above what the worker lets the WAL reach.
 */
export class Checkpointer {
  private readonly worker: Worker;

  constructor(file: string, everyMs = 1000) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const Database = require(workerData.driver);
       const db = new Database(workerData.file);
       db.pragma('busy_timeout = 5000');
       db.pragma('synchronous = NORMAL');
       const timer = setInterval(() => {
         try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err)); }
       }, workerData.everyMs);
       parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });`,
      { eval: true, workerData: { driver, file, everyMs } },
    );
    // Never keeps a process (the command line) alive on its own.
    this.worker.unref();
    this.worker.on('error', () => undefined);
  }

  async stop() {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('stop');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    await this.worker.terminate();
  }
}
