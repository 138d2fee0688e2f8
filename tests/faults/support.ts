import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { AppContext } from '../../src/server/context.js';
import { migrateToLatest, openDatabase, type DbHandle } from '../../src/server/db/index.js';
import { verifyChain, type ChainVerdict } from '../../src/server/modules/audit/audit.service.js';
import type { ExamContent } from '../../src/shared/exam.js';
import { PG_TEMPLATE, scratchPgDatabase, type DbKind } from '../support/databases.js';
import { makeExamRoom, type Seat } from '../support/exam-room.js';
import { startFlags, type ServerProcess } from '../support/server-process.js';
import { send, type Ack, type Crowd, type ItemChoices } from './learners.js';

export const SECRET = 'fault-suite-secret-fault-suite-secret-0123456789';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An exam of `n` single-choice items (a, b, c): enough distinct items that saves keep inserting rows. */
export function examOf(n: number): { content: ExamContent; items: ItemChoices[] } {
  const items = Array.from({ length: n }, (_, i) => ({
    id: `q${i + 1}`,
    type: 'single' as const,
    stem: { fr: `Question ${i + 1}` },
    choices: ['a', 'b', 'c'].map((id) => ({ id, text: { fr: id.toUpperCase() } })),
    correct: ['a'],
    points: 1,
  }));
  return { content: { items }, items: items.map((i) => ({ id: i.id, choices: ['a', 'b', 'c'] })) };
}

/** A database of one kind with an exam room in it, and what a server process and the checks need. */
export interface Room {
  kind: DbKind;
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL: the database's name (to find the app's connections). */
  databaseName?: string;
  seats: Seat[];
  items: ItemChoices[];
  /** A new handle on the database (the caller closes it). */
  open(): DbHandle;
  /** The audit chain, walked from a fresh handle. */
  verifyChain(): Promise<ChainVerdict>;
  drop(): Promise<void>;
}

/**
 * A fresh database (SQLite in `dataDir`, or a copy of the PostgreSQL template), migrated, with `learners`
 * seats authorized for an exam of `itemCount` items. The test process keeps no handle open afterwards.
 */
export async function prepareRoom(
  kind: DbKind,
  learners: number,
  opts: { itemCount?: number; dataDir?: string; durationMinutes?: number } = {},
): Promise<Room> {
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'vigie-faults-'));
  const sqliteFile = path.join(dataDir, 'vigie.db');
  let scratch: { url: string; drop(): Promise<void> } | undefined;
  let databaseName: string | undefined;
  if (kind === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('TEST_DATABASE_URL is not set');
    databaseName = `vigie_f_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    scratch = await scratchPgDatabase(base, databaseName, PG_TEMPLATE);
  }
  const open = () =>
    kind === 'postgres' ? openDatabase({ databaseUrl: scratch!.url, dataDir }) : openDatabase({ dataDir, sqliteFile });
  const handle = open();
  const exam = examOf(opts.itemCount ?? 40);
  let ctx: AppContext;
  let seats: Seat[];
  try {
    if (kind === 'sqlite') await migrateToLatest(handle.db);
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, VIGIE_SECRET: SECRET });
    const built = await buildApp({ config, database: handle });
    ctx = built.ctx;
    ({ seats } = await makeExamRoom(ctx, learners, {
      content: exam.content,
      durationMinutes: opts.durationMinutes ?? 60,
    }));
    await built.app.close();
  } finally {
    await handle.close();
  }
  return {
    kind,
    dataDir,
    databaseUrl: scratch?.url,
    databaseName,
    seats,
    items: exam.items,
    open,
    async verifyChain() {
      const h = open();
      try {
        return await verifyChain({ ...ctx, db: h.db });
      } finally {
        await h.close();
      }
    },
    async drop() {
      await scratch?.drop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Whether something already listens on 127.0.0.1:`port`. */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * The real server on the room's database, on a fixed port (a restarted server answers the same pages), run
 * as deploy/vigie.service runs it: node itself with tsx as a loader (no npx or tsx process in between, which
 * cost seconds per start and would stand between a signal and the server). The port must be free: a server
 * left over from an earlier run would answer /healthz in its place.
 */
export async function serve(room: Room, port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  if (await portTaken(port)) throw new Error(`port ${port} is taken: a server left over from an earlier run?`);
  const child = spawn(process.execPath, [...startFlags(), '--import', 'tsx', 'src/server/main.ts'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: room.dataDir,
      VIGIE_SECRET: SECRET,
      DEMO: '0',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...(room.databaseUrl ? { DATABASE_URL: room.databaseUrl } : {}),
      ...env,
    },
  });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    child,
    output: () => log,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (signal === 'SIGTERM') await stopServer(server);
      else if (groupAlive(child.pid!)) {
        process.kill(-child.pid!, signal);
        await waitFor(() => !groupAlive(child.pid!), 10_000, 20);
      }
    },
  };
  const started = await waitFor(
    async () => child.exitCode !== null || (await probeHealth(url, 2000)).status === 200,
    60_000,
    100,
  );
  if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${log}`);
  if (!started) {
    await stopServer(server, 1000);
    throw new Error(`server did not answer /healthz within 60 s:\n${log}`);
  }
  return server;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the server with SIGTERM (to its own process, as a supervisor does) and waits at most `withinMs`
 * for its process group to be gone; then SIGKILL. Says whether the graceful stop worked, and how long it took.
 */
export async function stopServer(
  server: ServerProcess,
  withinMs = 10_000,
): Promise<{ graceful: boolean; ms: number; exitCode: number | null }> {
  const group = server.child.pid!;
  const t0 = Date.now();
  if (!groupAlive(group)) return { graceful: true, ms: 0, exitCode: server.child.exitCode };
  // The server is node itself (started with tsx as a loader); the group also holds tsx's esbuild helper, which
  // must not be the one signalled.
  try {
    process.kill(server.child.pid ?? -group, 'SIGTERM');
  } catch {
    /* gone meanwhile */
  }
  while (groupAlive(group) && Date.now() - t0 < withinMs) await sleep(50);
  const graceful = !groupAlive(group);
  if (!graceful) {
    process.kill(-group, 'SIGKILL');
    while (groupAlive(group)) await sleep(50);
  }
  const ms = Date.now() - t0;
  // npx reports the server's exit code; its 'exit' event may come a moment after the group is gone.
  await waitFor(() => server.child.exitCode !== null || server.child.signalCode !== null, 1000, 20);
  return { graceful, ms, exitCode: server.child.exitCode };
}

/** Whether the server process (npx and the node it runs) is still there. */
export function alive(server: ServerProcess): boolean {
  return server.child.exitCode === null && server.child.signalCode === null;
}

/** The end of the server's output, for a failing assertion's message. */
export function logTail(server: ServerProcess, chars = 2500): string {
  const out = server.output();
  return out.length > chars ? '…' + out.slice(-chars) : out || '(nothing logged)';
}

export interface Probe {
  at: number;
  status: number;
  ms: number;
  body: unknown;
}

/** One GET /healthz, given up after `timeoutMs` (status 0). */
export async function probeHealth(url: string, timeoutMs = 3000): Promise<Probe> {
  const at = Date.now();
  const t0 = performance.now();
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep the text */
    }
    return { at, status: res.status, ms: performance.now() - t0, body };
  } catch {
    return { at, status: 0, ms: performance.now() - t0, body: null };
  }
}

/** Probes /healthz every `everyMs` until `stop()`; the probes are kept for the assertions. */
export function watchHealth(url: string, everyMs = 250) {
  const probes: Probe[] = [];
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const started = Date.now();
      probes.push(await probeHealth(url));
      await sleep(Math.max(0, everyMs - (Date.now() - started)));
    }
  })();
  return {
    probes,
    async stop() {
      stopped = true;
      await running;
      return probes;
    },
  };
}

export const slowProbes = (probes: Probe[], limitMs = 1000) => probes.filter((p) => p.status === 0 || p.ms >= limitMs);

export function showProbes(probes: Probe[]): string {
  return probes
    .map((p) => `${p.status === 0 ? 'no answer' : p.status} in ${Math.round(p.ms)} ms ${JSON.stringify(p.body)}`)
    .join('\n');
}

/**
 * Once a fault is gone: /healthz must answer 200 within `withinMs`, and every probe until then, and three
 * more after, must answer within 1 s. Returns the problems found (empty when healthy).
 */
export async function healthyAgain(url: string, withinMs = 5000): Promise<string[]> {
  const probes: Probe[] = [];
  const until = Date.now() + withinMs;
  let oks = 0;
  while (oks < 4 && Date.now() < until + 1500) {
    const p = await probeHealth(url);
    probes.push(p);
    if (p.status === 200 && p.ms < 1000) oks++;
    else if (Date.now() > until) break;
    await sleep(150);
  }
  const problems: string[] = [];
  if (oks < 4) problems.push(`/healthz not 200 within ${withinMs} ms:\n${showProbes(probes)}`);
  const slow = slowProbes(probes);
  if (slow.length) problems.push(`/healthz slower than 1 s once the fault was gone:\n${showProbes(slow)}`);
  return problems;
}

/** Waits (bounded) for `cond`; false when it did not come true within `withinMs`. */
export async function waitFor(cond: () => Promise<boolean> | boolean, withinMs: number, everyMs = 200) {
  const until = Date.now() + withinMs;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() > until) return false;
    await sleep(everyMs);
  }
}

/**
 * Every acknowledged save is in the database: the row is there with the same sequence number and choice,
 * or a newer sequence number (a later save whose acknowledgement the fault cut off). Returns the problems.
 */
export async function missingAcks(room: Room, acks: Ack[]): Promise<string[]> {
  const h = room.open();
  try {
    const ids = [...new Set(acks.map((a) => a.attemptId))];
    if (ids.length === 0) return ['no save was acknowledged at all'];
    const rows = await h.db
      .selectFrom('answers')
      .select(['attempt_id', 'item_id', 'seq', 'response'])
      .where('attempt_id', 'in', ids)
      .execute();
    const stored = new Map(rows.map((r) => [`${r.attempt_id}/${r.item_id}`, r]));
    const problems: string[] = [];
    for (const a of acks) {
      const row = stored.get(`${a.attemptId}/${a.itemId}`);
      if (!row) problems.push(`${a.attemptId}/${a.itemId} seq ${a.seq}: acknowledged, not stored`);
      else if (Number(row.seq) < a.seq)
        problems.push(`${a.attemptId}/${a.itemId}: acknowledged seq ${a.seq}, stored seq ${row.seq}`);
      else if (Number(row.seq) === a.seq && row.response !== JSON.stringify(a.choiceIds))
        problems.push(`${a.attemptId}/${a.itemId} seq ${a.seq}: stored ${row.response}, acknowledged ${a.choiceIds}`);
    }
    return problems;
  } finally {
    await h.close();
  }
}

/** What every fault ends with: nothing acknowledged lost, the audit chain intact, no page gave up. */
export async function afterFaultProblems(room: Room, crowd: Crowd): Promise<string[]> {
  const problems = [...crowd.problems(), ...(await missingAcks(room, crowd.acks()))];
  const chain = await room.verifyChain();
  if (!chain.ok) problems.push(`audit chain broken at row ${chain.brokenAt}: ${chain.reason}`);
  return problems;
}

/** Every learner presses « Commencer » (retried like a page would); the deadlines they were given. */
export async function startAll(url: string, seats: Seat[]): Promise<Map<string, string>> {
  const deadlines = new Map<string, string>();
  await Promise.all(
    seats.map(async (seat) => {
      for (let i = 0; ; i++) {
        const r = await send(url, seat, 'POST', `/api/attempts/${seat.attemptId}/start`, {});
        if (r.status === 200) {
          deadlines.set(seat.attemptId, (r.body as { deadlineAt: string }).deadlineAt);
          return;
        }
        if (i >= 5 || (r.status !== 0 && r.status < 500))
          throw new Error(`« Commencer » for ${seat.attemptId}: ${r.status} ${JSON.stringify(r.body)}`);
        await sleep(500);
      }
    }),
  );
  return deadlines;
}
