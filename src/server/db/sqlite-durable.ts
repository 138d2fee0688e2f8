import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import {
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type TransactionSettings,
  type CompiledQuery,
  type QueryResult,
} from 'kysely';

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

/** Kysely's SQLite driver, with each committed write flushed (WalFlusher) before it is reported. */
class DurableDriver implements Driver {
  /** Whether the connection's current use wrote something that committed (or will commit at COMMIT). */
  private wrote = false;
  private commitPending = false;

  constructor(
    private readonly inner: Driver,
    private readonly sqlite: StatementSource,
    private readonly flusher: WalFlusher,
  ) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    this.commitPending = false;
    this.wrote = false;
    return {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        const result = await connection.executeQuery<R>(query);
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

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    this.wrote = false;
    return this.inner.beginTransaction(connection, settings);
  }

  async commitTransaction(connection: DatabaseConnection) {
    await this.inner.commitTransaction(connection);
    if (this.wrote) this.commitPending = true;
  }

  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
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
  ) {
    super({ database: sqlite });
    this.flusher = new WalFlusher(walFile);
  }

  readonly flusher: WalFlusher;

  override createDriver(): Driver {
    return new DurableDriver(super.createDriver(), this.sqlite, this.flusher);
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
