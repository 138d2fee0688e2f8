import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup } from '../../src/cli/commands/backup.js';
import { openDatabase } from '../../src/server/db/index.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { Crowd, send, type Ack } from './learners.js';
import { logTail, missingAcks, prepareRoom, SECRET, serve, startAll, type Room } from './support.js';

/** Ports of this file (4110–4119): the server being backed up, the one started on the restored copy. */
const LIVE_PORT = 4110;
const RESTORED_PORT = 4111;
const LEARNERS = 30;

/** `npm run vigie -- …` as an operator types it, on `env`'s DATA_DIR; bounded, so a hang fails the test. */
function vigie(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** The same room, seen in another DATA_DIR (a copy of its database). */
function roomAt(room: Room, dataDir: string): Room {
  return { ...room, dataDir, open: () => openDatabase({ dataDir, sqliteFile: path.join(dataDir, 'vigie.db') }) };
}

/** What each thread of a process is waiting in (Linux), for the message of a stop that did not end. */
function whatItIsDoing(pid: number): string {
  try {
    return readdirSync(`/proc/${pid}/task`)
      .map((t) => {
        const read = (f: string) => readFileSync(`/proc/${pid}/task/${t}/${f}`, 'utf8').trim();
        return `${read('comm')}: ${read('stat').split(' ')[2]} in ${read('wchan')}`;
      })
      .join('; ');
  } catch (err) {
    return String(err);
  }
}

/**
 * SIGTERM to the server's own process (node: `serve` starts it directly), as systemd's KillMode=mixed does;
 * SIGKILL after `withinMs`, saying first what its threads were waiting in.
 */
async function stopGracefully(server: ServerProcess, withinMs = 10_000) {
  const t0 = Date.now();
  const closed = new Promise<number | null>((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) resolve(server.child.exitCode);
    else server.child.once('close', (code) => resolve(code));
  });
  server.child.kill('SIGTERM');
  const code = await Promise.race([closed, new Promise<'running'>((r) => setTimeout(() => r('running'), withinMs))]);
  if (code !== 'running') return { graceful: true, code, ms: Date.now() - t0, threads: '' };
  const threads = whatItIsDoing(server.child.pid!);
  await server.kill('SIGKILL');
  return { graceful: false, code: null, ms: Date.now() - t0, threads };
}

/**
 * What copying vigie.db alone (cp, rsync, a file-level backup tool) kept: the acknowledged answers still in
 * the WAL are not in it. Measured and shown, not asserted (how many depends on when the server last
 * checkpointed); the backup command must not lose any.
 */
async function plainCopyLoss(room: Room, acks: Ack[], dir: string): Promise<string> {
  try {
    const lost = await missingAcks(roomAt(room, dir), acks);
    return `${lost.length} of ${acks.length}`;
  } catch (err) {
    return `unreadable (${(err as Error).message})`;
  }
}

describe('vigie backup during saves, then restore (SQLite)', () => {
  let room: Room;
  let live: ServerProcess | undefined;
  let restored: ServerProcess | undefined;
  let crowd: Crowd | undefined;
  const dirs: string[] = [];
  const tmp = (name: string) => {
    const d = mkdtempSync(path.join(os.tmpdir(), `vigie-${name}-`));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    room = await prepareRoom('sqlite', LEARNERS, { itemCount: 40 });
  });
  afterAll(async () => {
    await crowd?.stop();
    await live?.kill('SIGKILL');
    await restored?.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await room?.drop();
  });

  it('keeps every answer acknowledged before it began; the restored server has them and an intact audit chain', async () => {
    live = await serve(room, LIVE_PORT, { LOG_LEVEL: 'info' });
    const server = live;
    await startAll(server.url, room.seats);
    crowd = new Crowd(room.seats, room.items, () => server.url, { thinkMs: 20 }).start();
    expect(await crowd.progress(1500, 60_000), crowd.summary()).toBe(true);

    // The moment the backup begins: what the learners have been told is saved. The command's function is
    // called in this process, so its copy starts within milliseconds of this list (the command line's own
    // start-up takes a second or more, long enough for the server to checkpoint the WAL into vigie.db, and
    // then even a plain copy of vigie.db would hold the list).
    const backupDir = path.join(tmp('backup'), 'b1');
    const plainDir = tmp('plain-copy');
    const before = crowd.acks();
    copyFileSync(path.join(room.dataDir, 'vigie.db'), path.join(plainDir, 'vigie.db'));
    await backup(backupDir, { DATA_DIR: room.dataDir, VIGIE_SECRET: SECRET });
    const plain = await plainCopyLoss(room, before, plainDir);
    console.info(`vigie.db copied alone at the moment the backup began lacked ${plain} acknowledged answers`);
    const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as {
      keptElsewhere: string[];
      auditChain: { rows: number };
    };
    expect(manifest.keptElsewhere).toEqual(['VIGIE_SECRET']);
    expect(manifest.auditChain.rows).toBeGreaterThan(0);

    // The same from the command line, as an operator runs it, while the saves go on.
    const beforeCli = crowd.acks();
    const ackedBefore = crowd.acked;
    const cliDir = path.join(tmp('backup-cli'), 'b2');
    const cli = await vigie(['backup', cliDir], { DATA_DIR: room.dataDir, VIGIE_SECRET: SECRET });
    const ackedDuring = crowd.acked - ackedBefore;
    expect(cli.code, cli.out).toBe(0);
    expect(ackedDuring, 'saves acknowledged while the command ran').toBeGreaterThan(0);
    // VIGIE_SECRET came from the environment: not copied, and the output says so.
    expect(cli.out).toMatch(/VIGIE_SECRET comes from the environment and is NOT in this backup/);
    expect(readdirSync(cliDir).sort()).toEqual(['card-signing.key', 'manifest.json', 'vigie.db']);
    for (const f of readdirSync(cliDir)) expect(statSync(path.join(cliDir, f)).mode & 0o777, f).toBe(0o600);
    const cliCopy = tmp('cli-copy');
    copyFileSync(path.join(cliDir, 'vigie.db'), path.join(cliCopy, 'vigie.db'));
    expect(await missingAcks(roomAt(room, cliCopy), beforeCli)).toEqual([]);

    // A restore onto the running server's DATA_DIR is refused, and changes nothing.
    const refused = await vigie(['restore', backupDir], { DATA_DIR: room.dataDir, VIGIE_SECRET: SECRET });
    expect(refused.code, refused.out).not.toBe(0);
    expect(refused.out).toMatch(/open in another process/);
    expect(readdirSync(room.dataDir).filter((f) => f.includes('before-restore'))).toEqual([]);

    // The saves go on, then the server stops gracefully: nothing it acknowledged is lost, the WAL is folded in.
    expect(await crowd.progress(200, 30_000), crowd.summary()).toBe(true);
    const stop = await stopGracefully(server);
    await crowd.stop();
    // What the server said while stopping (the request lines left out), for a failing assertion's message.
    const stopLog = () =>
      server
        .output()
        .split('\n')
        .filter((l) => /"level":[45]0|stopping|in flight|closed|grace|signal/.test(l))
        .join('\n') || logTail(server);
    expect(stop.graceful, `${stop.threads}\n${stopLog()}`).toBe(true);
    expect(stop.code, stopLog()).toBe(0);
    expect(crowd.problems()).toEqual([]);
    expect(await missingAcks(room, crowd.acks())).toEqual([]);
    expect(existsSync(path.join(room.dataDir, 'vigie.db-wal'))).toBe(false);

    // Restoring with another VIGIE_SECRET than the data's is refused before anything is written.
    const target = tmp('restored');
    const wrongKey = await vigie(['restore', backupDir], {
      DATA_DIR: target,
      VIGIE_SECRET: 'another-secret-'.repeat(3),
    });
    expect(wrongKey.code, wrongKey.out).not.toBe(0);
    expect(wrongKey.out).toMatch(/set VIGIE_SECRET to the value it had when the backup was made/);
    expect(readdirSync(target)).toEqual([]);

    const restore = await vigie(['restore', backupDir], { DATA_DIR: target, VIGIE_SECRET: SECRET });
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toMatch(/audit chain intact/);
    expect(statSync(path.join(target, 'vigie.db')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(target, 'card-signing.key'))).toEqual(
      readFileSync(path.join(room.dataDir, 'card-signing.key')),
    );

    // A server on the restored DATA_DIR: every answer acknowledged before the backup began, same or newer.
    restored = await startServer({ dataDir: target, secret: SECRET, port: RESTORED_PORT });
    expect(await missingAcks(roomAt(room, target), before)).toEqual([]);
    const verify = await vigie(['audit', 'verify'], { DATA_DIR: target, VIGIE_SECRET: SECRET });
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toMatch(/Audit chain intact/);
    // The learner's page reads its answers back through the restored server, and goes on saving.
    const seat = room.seats[0]!;
    const page = await send(restored.url, seat, 'GET', `/api/attempts/${seat.attemptId}`);
    expect(page.status).toBe(200);
    const answers = (page.body as { answers: Record<string, { seq: number }> }).answers;
    for (const a of before.filter((x) => x.attemptId === seat.attemptId))
      expect(answers[a.itemId]?.seq, a.itemId).toBeGreaterThanOrEqual(a.seq);
    const next = await send(restored.url, seat, 'PUT', `/api/attempts/${seat.attemptId}/answers/${room.items[0]!.id}`, {
      choiceIds: ['b'],
      flagged: false,
      seq: crowd.learners[0]!.seq + 1,
    });
    expect(next.status, JSON.stringify(next.body)).toBe(200);

    // Restoring over the stopped original sets its files aside, whole: nothing it held is lost.
    const over = await vigie(['restore', backupDir], { DATA_DIR: room.dataDir, VIGIE_SECRET: SECRET });
    expect(over.code, over.out).toBe(0);
    const aside = readdirSync(room.dataDir).filter((f) => f.startsWith('vigie.db.before-restore-'));
    expect(aside, over.out).toHaveLength(1);
    const asideDir = tmp('aside');
    copyFileSync(path.join(room.dataDir, aside[0]!), path.join(asideDir, 'vigie.db'));
    expect(await missingAcks(roomAt(room, asideDir), crowd.acks())).toEqual([]);
  }, 180_000);

  it('on PostgreSQL, says to use pg_dump (the exact command, without the password) and which keys to keep, and writes nothing', async () => {
    const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const withPassword = new URL(base);
    withPassword.password = 'pw-never-printed';
    const dir = path.join(tmp('pg'), 'b1');
    const env = { DATA_DIR: tmp('pg-data'), DATABASE_URL: withPassword.toString(), VIGIE_SECRET: SECRET };
    const out = await vigie(['backup', dir], env);
    expect(out.code, out.out).toBe(1);
    expect(out.out).not.toContain('pw-never-printed');
    expect(out.out).toMatch(/VIGIE_SECRET \(from the environment\): keep it/);
    expect(out.out).toMatch(/card-signing\.key \(card signing key\): copy it with the dump/);
    expect(existsSync(dir)).toBe(false);
    const restore = await vigie(['restore', dir], env);
    expect(restore.code, restore.out).toBe(1);
    expect(restore.out).toMatch(/pg_restore --clean --if-exists/);

    // The commands it prints work as printed (PostgreSQL's own client, on the test server).
    if (!process.env.TEST_DATABASE_URL) return;
    const commands = out.out.split('\n').filter((l) => /^\s+(mkdir|pg_dump) /.test(l));
    expect(commands).toHaveLength(2);
    const run = await new Promise<number | null>((resolve) => {
      const sh = spawn('sh', ['-c', commands.join(' && ')], { stdio: 'inherit' });
      sh.once('exit', resolve);
    });
    expect(run).toBe(0);
    expect(statSync(path.join(dir, 'vigie.pgdump')).size).toBeGreaterThan(0);
  }, 60_000);
});
