import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../tests/support/databases.js';
import { createTestApp, type TestApp } from '../../../tests/support/test-app.js';
import { databaseTrouble, DatabaseUnavailable } from './errors.js';
import { SelfWaitError } from './transaction-guard.js';

describe('database troubles are named', () => {
  it('maps SQLite, PostgreSQL and network errors to the reason a 503 gives', () => {
    const err = (code: string, message = '') => Object.assign(new Error(message), { code });
    expect(databaseTrouble(err('SQLITE_FULL'))).toBe('storage_full');
    expect(databaseTrouble(err('ENOSPC'))).toBe('storage_full');
    expect(databaseTrouble(err('53100'))).toBe('storage_full');
    expect(databaseTrouble(err('SQLITE_BUSY'))).toBe('database_busy');
    expect(databaseTrouble(err('57014'))).toBe('database_busy');
    expect(databaseTrouble(err('40P01'))).toBe('database_busy');
    expect(databaseTrouble(err('40001'))).toBe('database_busy');
    expect(databaseTrouble(err('57P01'))).toBe('database_unavailable');
    expect(databaseTrouble(err('ECONNREFUSED'))).toBe('database_unavailable');
    expect(databaseTrouble(new Error('Connection terminated unexpectedly'))).toBe('database_unavailable');
    expect(databaseTrouble(new Error('timeout exceeded when trying to connect'))).toBe('database_busy');
    expect(databaseTrouble(new DatabaseUnavailable('database_busy', 'x'))).toBe('database_busy');
    expect(databaseTrouble(Object.assign(err('55000'), { severity: 'FATAL' }))).toBe('database_unavailable');
    // The request's own faults stay what they are.
    expect(databaseTrouble(err('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(databaseTrouble(err('23505'))).toBeNull();
    expect(databaseTrouble(new Error('boom'))).toBeNull();
  });
});

describe.each(dbKinds())('no query waits on itself, on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('a read through the root handle inside a transaction fails at once instead of hanging', async () => {
    const started = Date.now();
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await trx.selectFrom('users').select('id').limit(1).execute();
        await t.ctx.db.selectFrom('users').select('id').limit(1).execute();
      }),
    ).rejects.toBeInstanceOf(SelfWaitError);
    expect(Date.now() - started).toBeLessThan(2000);
    // The connection was given back: the next request is served.
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toBeInstanceOf(Array);
  });

  it('work a transaction left behind may use the root handle once it ended', async () => {
    let later: Promise<unknown> = Promise.resolve();
    let ended = () => {};
    await t.ctx.db.transaction().execute(async (trx) => {
      await trx.selectFrom('users').select('id').limit(1).execute();
      // Started inside, runs after the commit (as side effects must: « events after commit »).
      later = new Promise<void>((resolve) => (ended = resolve)).then(() =>
        t.ctx.db.selectFrom('users').select('id').execute(),
      );
    });
    ended();
    await expect(later).resolves.toBeInstanceOf(Array);
  });
});

describe.runIf(dbKinds().includes('sqlite'))('SQLite, with another process holding the write lock', () => {
  let t: TestApp;
  let holder: ChildProcess;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { DB_LOCK_WAIT_MS: '600', DB_CONNECTION_WAIT_MS: '1500' });
    const file = t.database.sqliteFile!;
    const driver = path.resolve('node_modules/better-sqlite3');
    // Another process takes the write lock and keeps it until told to let go (stdin closes).
    holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require(${JSON.stringify(driver)}))(${JSON.stringify(file)});
         db.exec('begin immediate'); process.stdout.write('locked\\n');
         process.stdin.on('end', () => { db.exec('rollback'); db.close(); process.exit(0); }); process.stdin.resume();`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await once(holder.stdout!, 'data');
  });
  afterAll(async () => {
    if (holder.exitCode === null) {
      holder.stdin!.end();
      await once(holder, 'exit');
    }
    await t.close();
  });

  it('a write is answered 503 database_busy after the lock wait, and the event loop never stops', async () => {
    let worstLag = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      worstLag = Math.max(worstLag, now - last - 10);
      last = now;
    }, 10);
    try {
      const write = t.ctx.db
        .insertInto('instance_heartbeats')
        .values({ instance_id: 'x', started_at: 'a', beat_at: 'b' })
        .execute();
      await expect(write).rejects.toMatchObject({ trouble: 'database_busy' });
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.headers['retry-after']).toBeDefined();
      expect(health.json()).toMatchObject({ status: 'unavailable', reason: 'database_busy' });
    } finally {
      clearInterval(ticker);
    }
    // SQLite's own busy_timeout waited inside the synchronous call: every request stalled for its length.
    expect(worstLag).toBeLessThan(200);
    // Reads do not need the lock (WAL).
    expect(await sql`select 1 as one`.execute(t.ctx.db)).toBeTruthy();
  });

  it('once the lock is let go, writes and /healthz succeed again without a restart', async () => {
    holder.stdin!.end();
    await once(holder, 'exit');
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  });
});
