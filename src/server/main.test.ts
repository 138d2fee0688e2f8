import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { workstationCookie } from '../../tests/support/attempts.js';
import { dbKinds, PG_TEMPLATE, scratchPgDatabase } from '../../tests/support/databases.js';
import { makeAuthorizedScene } from '../../tests/support/factories.js';
import { HttpClient } from '../../tests/support/http-client.js';
import { freePort, startFlags } from '../../tests/support/server-process.js';
import { SseClient } from '../../tests/support/sse.js';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/index.js';
import { WORKSTATION_COOKIE } from './http/workstation.js';

const SECRET = 'shutdown-test-secret-shutdown-test-secret-0123';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (bounded) for `cond`; fails the test with `what` when it does not come true. */
async function until(cond: () => boolean, what: string, withinMs = 10_000) {
  const end = Date.now() + withinMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`not within ${withinMs} ms: ${what}`);
    await sleep(20);
  }
}

/**
 * Another process holds SQLite's write lock (as a `sqlite3` shell would) until `release()`: a save sent
 * meanwhile stays in flight in the server, waiting for it.
 */
async function holdWriteLock(file: string) {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      `const db = new (require(process.env.DRIVER))(process.env.FILE);
       db.exec('BEGIN IMMEDIATE');
       process.stdout.write('locked\\n');
       process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`,
    ],
    { env: { ...process.env, DRIVER: driver, FILE: file }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited (${code}) before locking`)));
  });
  const gone = new Promise((r) => child.once('exit', r));
  return {
    release: async () => {
      child.stdin!.write('go\n');
      await gone;
    },
  };
}

/** The same on PostgreSQL: a table lock that makes the save's write wait. */
async function holdTableLock(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('begin');
  await client.query('lock table answers in exclusive mode');
  return {
    release: async () => {
      await client.query('rollback');
      await client.end();
    },
  };
}

interface Server {
  url: string;
  child: ChildProcess;
  output(): string;
  /** The server's own exit code (node runs it directly: no npx or tsx launcher in between). */
  exited: Promise<number | null>;
}

/** `node --import tsx src/server/main.ts`, as deploy/vigie.service runs it; resolves once /healthz answers. */
async function startNode(dataDir: string, databaseUrl?: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [...startFlags(), '--import', 'tsx', 'src/server/main.ts'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      VIGIE_SECRET: SECRET,
      DEMO: '0',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      // Lock waits far longer than the test holds the lock: the save stays in flight, it does not fail.
      DB_LOCK_WAIT_MS: '30000',
      DB_STATEMENT_TIMEOUT_MS: '30000',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  // 'close', not 'exit': the last lines of the log are read by then.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await until(() => child.exitCode !== null || log.includes('Vigie is listening'), 'the server started', 60_000);
  if (child.exitCode !== null) throw new Error(`the server exited at start:\n${log}`);
  return { url, child, output: () => log, exited };
}

/**
 * The real server (`src/server/main.ts`) stopped by SIGTERM: it must let a commit in flight finish and
 * answer it, end the operators' live streams instead of waiting for them, close the database (SQLite:
 * checkpointed; PostgreSQL: the pool and the LISTEN connection), and exit 0; a second signal must end it
 * at once.
 */
describe.each(dbKinds())('graceful shutdown of the server process (%s)', (kind) => {
  let dataDir: string;
  let databaseUrl: string | undefined;
  let dropPg: (() => Promise<void>) | undefined;
  let scene: Awaited<ReturnType<typeof makeAuthorizedScene>>;
  let cookie: string;
  let server: Server | undefined;
  const holdLock = () => (databaseUrl ? holdTableLock(databaseUrl) : holdWriteLock(path.join(dataDir, 'vigie.db')));

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-shutdown-'));
    if (kind === 'postgres') {
      const scratch = await scratchPgDatabase(process.env.TEST_DATABASE_URL!, `vigie_stop_${process.pid}`, PG_TEMPLATE);
      databaseUrl = scratch.url;
      dropPg = scratch.drop;
    }
    const database = openDatabase({ dataDir, databaseUrl });
    try {
      await migrateToLatest(database.db);
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, VIGIE_SECRET: SECRET });
      const { app, ctx } = await buildApp({ config, database });
      scene = await makeAuthorizedScene(ctx);
      cookie = workstationCookie(ctx, scene.sp.workstations[0]!.id);
      await app.close();
    } finally {
      // The test keeps no connection open: on SQLite the server's close is then the last one, and checkpoints.
      await database.close();
    }
  }, 60_000);
  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  });
  afterAll(async () => {
    await dropPg?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The server, a learner who started the exam, and an operator watching the room live. */
  async function serverWithRoom() {
    server = await startNode(dataDir, databaseUrl);
    const learner = new HttpClient(server.url);
    learner.cookies.set(WORKSTATION_COOKIE, cookie);
    await learner.signIn(scene.learner.username);
    const url = `/api/attempts/${scene.attemptId}`;
    const started = await learner.post(`${url}/start`);
    expect([200, 409]).toContain(started.status);
    const operator = new HttpClient(server.url);
    await operator.signIn(scene.operator.username);
    const stream = await SseClient.open(`${server.url}/api/desk/live`, { cookie: operator.cookieHeader() });
    expect(stream.status).toBe(200);
    await stream.waitFor((e) => e === 'snapshot');
    return { server, learner, url, stream };
  }

  it('finishes the save in flight, ends the live stream, closes the database and exits 0', async () => {
    const { server: s, learner, url, stream } = await serverWithRoom();
    const lock = await holdLock();
    const saved = learner.put(`${url}/answers/q1`, { choiceIds: ['b'], flagged: false, seq: 7 });
    await until(() => s.output().includes(`"url":"${url}/answers/q1"`), 'the save reached the server');

    s.child.kill('SIGTERM');
    await until(() => s.output().includes('stopping: no new connections'), 'the server logged its stop');
    await until(() => stream.ended, 'the live stream was ended by the server', 5000);
    // The save is still waiting for the lock: the server waits for it instead of exiting.
    expect(s.child.exitCode).toBeNull();
    await lock.release();

    const reply = await saved.catch((err: unknown) => {
      throw new Error(`${String(err)}\n${s.output()}`);
    });
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    expect(await s.exited, s.output().slice(-4000)).toBe(0);
    const log = s.output();
    // In the order they happened (each line's own time: the two output streams may reach the test interleaved).
    const at = (msg: RegExp) =>
      log
        .split('\n')
        .filter((l) => msg.test(l))
        .map((l) => (JSON.parse(l) as { time: number }).time)[0];
    const finished = at(/"msg":"requests in flight finished"/);
    const closed = at(/"msg":"database closed.*; stopped"/);
    expect(finished, log.slice(-3000)).toBeDefined();
    expect(closed, log.slice(-3000)).toBeDefined();
    expect(closed!).toBeGreaterThanOrEqual(finished!);
    if (kind === 'sqlite') {
      expect(log).toContain('WAL checkpointed into vigie.db');
      expect(existsSync(path.join(dataDir, 'vigie.db-wal'))).toBe(false);
    }

    // Started again on the same data: the answer acknowledged during the stop is there.
    const { learner: again } = await serverWithRoom();
    const page = await again.get(url);
    expect((page.json as { answers: Record<string, { seq: number }> }).answers.q1?.seq).toBe(7);
  }, 90_000);

  it('exits at once on a second signal, without waiting for the request in flight', async () => {
    const { server: s, learner, url } = await serverWithRoom();
    const lock = await holdLock();
    try {
      void learner.put(`${url}/answers/q3`, { choiceIds: ['a', 'b'], flagged: false, seq: 8 }).catch(() => undefined);
      await until(() => s.output().includes(`"url":"${url}/answers/q3"`), 'the save reached the server');
      // Ctrl-C under npm start reaches node twice at once (from the terminal and from tsx): a repeat within a
      // second is the same stop, and is ignored…
      s.child.kill('SIGTERM');
      s.child.kill('SIGTERM');
      const firstStop = Date.now();
      await until(() => s.output().includes('stopping: no new connections'), 'the server logged its stop');
      await until(() => Date.now() - firstStop > 1000, 'a second has passed since the stop');
      expect(s.child.exitCode).toBeNull();
      expect(s.output()).not.toContain('second signal: exiting now');
      // …an operator insisting later is obeyed at once.
      const t0 = Date.now();
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(1);
      expect(Date.now() - t0).toBeLessThan(3000);
      expect(s.output()).toContain('second signal: exiting now');
    } finally {
      await lock.release();
    }
  }, 90_000);
});
