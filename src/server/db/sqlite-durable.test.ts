import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from './index.js';

/**
 * SQLite commits are flushed to disk off the event loop (sqlite-durable.ts): a write is reported only after
 * a WAL flush that began after it committed; reads never wait for the disk; one flush serves many commits.
 */
describe('SQLite durability (WAL flushed after commit)', () => {
  let dir: string;
  let handle: DbHandle;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-durable-'));
    handle = openDatabase({ dataDir: dir, backgroundCheckpoints: true });
    await sql`create table t (id integer primary key, v text not null)`.execute(handle.db);
  });
  afterEach(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const flushes = () => handle.walFlushes!();
  const table = () => handle.db as unknown as import('kysely').Kysely<{ t: { id: number; v: string } }>;

  it('a write outside a transaction returns after a flush; a read does not flush', async () => {
    const before = flushes();
    await table().insertInto('t').values({ id: 1, v: 'a' }).execute();
    expect(flushes()).toBe(before + 1);
    await table().selectFrom('t').selectAll().execute();
    expect(flushes()).toBe(before + 1);
  });

  it('a transaction that wrote is flushed at its commit; one that only read, or rolled back, is not', async () => {
    const before = flushes();
    await handle.db.transaction().execute(async (trx) => {
      await (trx as unknown as ReturnType<typeof table>).insertInto('t').values({ id: 2, v: 'b' }).execute();
      // Not flushed inside the transaction: nothing has committed yet.
      expect(flushes()).toBe(before);
    });
    expect(flushes()).toBe(before + 1);
    await handle.db.transaction().execute(async (trx) => {
      await (trx as unknown as ReturnType<typeof table>).selectFrom('t').selectAll().execute();
    });
    expect(flushes()).toBe(before + 1);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await (trx as unknown as ReturnType<typeof table>).insertInto('t').values({ id: 3, v: 'c' }).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(flushes()).toBe(before + 1);
    expect(await table().selectFrom('t').select('id').execute()).toEqual([{ id: 2 }]);
  });

  it('many concurrent commits share flushes, and each waits for one that began after it committed', async () => {
    const before = flushes();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        handle.db.transaction().execute(async (trx) => {
          await (trx as unknown as ReturnType<typeof table>)
            .insertInto('t')
            .values({ id: 100 + i, v: 'x' })
            .execute();
          // Flushes completed when this transaction committed (just after this callback).
          return flushes();
        }),
      ),
    );
    const done = flushes() - before;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(200);
    // Each commit was reported after at least one more flush than had completed when it committed.
    expect(results.every((atCommit) => atCommit < flushes())).toBe(true);
  });

  it('checkpoints in the background: the WAL is copied back and reused, not grown by every write', async () => {
    const blob = 'x'.repeat(4000);
    for (let batch = 0; batch < 4; batch++) {
      await handle.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 500; i++)
          await (trx as unknown as ReturnType<typeof table>)
            .insertInto('t')
            .values({ id: 10_000 + batch * 1000 + i, v: blob })
            .execute();
      });
      await new Promise((r) => setTimeout(r, 1800));
    }
    // Four batches of ~2 MB: without checkpoints between them the WAL would hold all four (~8 MB).
    const wal = statSync(path.join(dir, 'vigie.db-wal')).size;
    expect(wal).toBeGreaterThan(1_500_000);
    expect(wal).toBeLessThan(4_500_000);
    expect(
      await table()
        .selectFrom('t')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ).toEqual({
      n: 2000,
    });
  });

  it('runs with WAL and synchronous = NORMAL (the flush makes up for FULL)', async () => {
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
    expect(mode.rows[0]!.journal_mode).toBe('wal');
    expect(sync.rows[0]!.synchronous).toBe(1);
  });

  // strace is not a dependency: without it this one is reported as skipped.
  const hasStrace = spawnSync('which', ['strace']).status === 0;
  it.skipIf(!hasStrace)('the flush is a real fdatasync of the WAL file (strace)', async () => {
    const script = path.join(dir, 'write-once.mts');
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(path.resolve('src/server/db/index.ts'))};
      const h = openDatabase({ dataDir: ${JSON.stringify(path.join(dir, 'child'))} });
      await h.db.schema.createTable('s').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
      await (h.db as any).insertInto('s').values({ id: 1 }).execute();
      await h.close();`,
    );
    mkdirSync(path.join(dir, 'child'));
    const out = spawnSync('strace', ['-f', '-e', 'trace=fdatasync,openat', 'npx', 'tsx', script], {
      encoding: 'utf8',
      cwd: process.cwd(),
    });
    const walFd = /openat\(.*child\/vigie\.db-wal", O_RDONLY[^)]*\) = (\d+)/.exec(out.stderr)?.[1];
    expect(walFd).toBeDefined();
    expect(out.stderr).toContain(`fdatasync(${walFd})`);
  });
});
