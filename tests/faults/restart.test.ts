import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../support/databases.js';
import type { ServerProcess } from '../support/server-process.js';
import { Crowd, describe as describeReply, send } from './learners.js';
import {
  afterFaultProblems,
  healthyAgain,
  logTail,
  prepareRoom,
  serve,
  showProbes,
  slowProbes,
  startAll,
  stopServer,
  waitFor,
  watchHealth,
  type Room,
} from './support.js';

const LEARNERS = 12;
/** Seats 1–4: their deadline passes while the server is down. Seat 0 presses « Terminer ». */
const EXPIRING = [1, 2, 3, 4];

/**
 * Issue 13, fault 1: the server is stopped (SIGTERM) during a session and started again on the same data.
 * The first request after the restart is a learner's « Terminer » (its ending reads the exam version, which
 * no cache holds yet); then, at the next restart, the expiry sweep finds attempts whose deadline passed
 * while the server was down. Every wait is bounded: a server that hangs fails the test, it does not hang it.
 */
describe.each(dbKinds())('restart (SIGTERM) during an exam session on %s', (kind) => {
  const port = kind === 'sqlite' ? 4200 : 4201;
  const url = `http://127.0.0.1:${port}`;
  let room: Room;
  let server: ServerProcess | undefined;
  let crowd: Crowd | undefined;

  /** Stops the running server (the pages wait meanwhile); a stop that needs SIGKILL is reported. */
  async function stop(): Promise<string[]> {
    crowd!.pause();
    if (!server) return [];
    const s = server;
    server = undefined;
    const { graceful, ms, exitCode } = await stopServer(s, 10_000);
    console.info(`${kind}: SIGTERM: stopped in ${ms} ms, exit code ${exitCode}`);
    if (!graceful) return [`SIGTERM did not stop the server within ${ms} ms (SIGKILL used):\n${logTail(s)}`];
    if (exitCode !== 0) return [`the server exited with ${exitCode} after SIGTERM:\n${logTail(s)}`];
    return [];
  }

  beforeAll(async () => {
    room = await prepareRoom(kind, LEARNERS);
    server = await serve(room, port, { LOG_LEVEL: 'info' });
    await startAll(url, room.seats);
    crowd = new Crowd(room.seats, room.items, () => url, { heartbeatMs: 3000 }).start();
    if (!(await crowd.progress(100, 30_000))) throw new Error(`the learners could not save: ${crowd.summary()}`);
  }, 120_000);

  afterAll(async () => {
    await crowd?.stop();
    if (server) await stopServer(server, 5000);
    await room?.drop();
  });

  it('answers a « Terminer » sent as the first request after a restart', async () => {
    const stopProblems = await stop();
    await crowd!.learners[0]!.stop();
    server = await serve(room, port, { LOG_LEVEL: 'info' });
    const seat = room.seats[0]!;
    const t0 = Date.now();
    const reply = await send(url, seat, 'POST', `/api/attempts/${seat.attemptId}/submit`, {}, { timeoutMs: 10_000 });
    console.info(`${kind}: « Terminer » after the restart: ${describeReply(reply)} in ${Date.now() - t0} ms`);
    expect(reply.status, `« Terminer »: ${describeReply(reply)}\n${logTail(server)}`).toBe(200);
    expect((reply.body as { result?: { state?: string } }).result?.state).toBe('submitted');
    expect(await healthyAgain(url)).toEqual([]);
    crowd!.resume();
    expect(await crowd!.progress(50, 15_000), `saves after the restart: ${crowd!.summary()}`).toBe(true);
    expect(stopProblems).toEqual([]);
  }, 120_000);

  it('ends the attempts whose deadline passed while it was down, and keeps answering meanwhile', async () => {
    const stopProblems = await stop();
    // The server is down: the deadline of four attempts passes now.
    const deadline = new Date().toISOString();
    const ids = EXPIRING.map((i) => room.seats[i]!.attemptId);
    const h = room.open();
    try {
      await h.db.updateTable('attempts').set({ deadline_at: deadline }).where('id', 'in', ids).execute();
    } finally {
      await h.close();
    }
    server = await serve(room, port, { LOG_LEVEL: 'info' });
    const watch = watchHealth(url);
    const t0 = Date.now();
    let states: string[] = [];
    const ended = await waitFor(async () => {
      const check = room.open();
      try {
        const rows = await check.db.selectFrom('attempts').select('state').where('id', 'in', ids).execute();
        states = rows.map((r) => r.state);
      } finally {
        await check.close();
      }
      // Watch /healthz for at least 3 s after the restart, whatever the sweep does.
      return states.every((s) => s === 'expired') && Date.now() - t0 > 3000;
    }, 10_000);
    const probes = await watch.stop();
    console.info(`${kind}: expired after restart: ${ended} (${states.join(', ')}) in ${Date.now() - t0} ms`);
    expect.soft(slowProbes(probes), `/healthz after the restart:\n${showProbes(probes)}`).toEqual([]);
    expect(ended, `attempts past their deadline after the restart: ${states.join(', ')}\n${logTail(server)}`).toBe(
      true,
    );
    crowd!.resume();
    expect(await crowd!.progress(30, 15_000), `saves after the restart: ${crowd!.summary()}`).toBe(true);
    expect(stopProblems).toEqual([]);
  }, 120_000);

  it('ends them at their deadline, not at the time the sweep came', async () => {
    const ids = EXPIRING.map((i) => room.seats[i]!.attemptId);
    const h = room.open();
    try {
      const rows = await h.db
        .selectFrom('attempts')
        .select(['id', 'state', 'deadline_at', 'ended_at'])
        .where('id', 'in', ids)
        .execute();
      expect(rows.map((r) => r.state)).toEqual(ids.map(() => 'expired'));
      for (const r of rows) expect(r.ended_at, `attempt ${r.id}`).toBe(r.deadline_at);
    } finally {
      await h.close();
    }
  });

  it('keeps every acknowledged answer and an intact audit chain, answering no 500', async () => {
    const c = crowd!;
    await c.stop();
    console.info(`${kind}: ${c.acked} saves acknowledged; replies: ${c.summary()}`);
    for (const i of EXPIRING) expect.soft(c.learners[i]!.endedBy, `learner ${i}`).toBeDefined();
    expect(await afterFaultProblems(room, c)).toEqual([]);
    expect(c.badServerErrors()).toEqual([]);
    expect(await healthyAgain(url)).toEqual([]);
  }, 120_000);
});
