import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { adminUrl } from '../support/databases.js';

/*
 * The faults themselves: another process holding a lock, a full disk, a client on the PostgreSQL server to
 * kill connections with. The room, the server and the probes that watch it are in support.ts.
 */

/** A client on the PostgreSQL server's `postgres` database, or on `database` (for locks). */
export async function pgClient(database?: string): Promise<pg.Client> {
  const base = process.env.TEST_DATABASE_URL!;
  const u = new URL(adminUrl(base));
  if (database) u.pathname = `/${database}`;
  const c = new pg.Client({ connectionString: u.toString(), application_name: 'vigie-fault-suite' });
  await c.connect();
  return c;
}

/** Whether this process may mount a tmpfs (CI runs as root; a developer's machine may not). */
export function canMountTmpfs(): { ok: boolean; why?: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-mount-check-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return { ok: true };
  } catch (err) {
    return { ok: false, why: String((err as { stderr?: Buffer }).stderr ?? err).trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Another process (as a `sqlite3` shell or a command-line call would) takes SQLite's write lock
 * (BEGIN IMMEDIATE) and holds it `holdMs`. Resolves once the lock is held; `released` once it is let go.
 */
export async function holdSqliteWriteLock(file: string, holdMs: number) {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const Database = require(process.env.DRIVER);
       const db = new Database(process.env.FILE);
       db.pragma('busy_timeout = 10000');
       db.exec('BEGIN IMMEDIATE');
       process.stdout.write('locked\\n');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.env.HOLD_MS));
       db.exec('ROLLBACK');
       db.close();`,
    ],
    { env: { ...process.env, DRIVER: driver, FILE: file, HOLD_MS: String(holdMs) }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before locking: ${err}`)));
  });
  return { lockedAt: Date.now(), released, kill: () => child.kill('SIGKILL') };
}

/** Fills the file system holding `dir` to the last byte (a filler file); `free()` removes it. */
export function fillDisk(dir: string) {
  const file = path.join(dir, 'filler.bin');
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x5a);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return { written, free: () => unlinkSync(file) };
}
