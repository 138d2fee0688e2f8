import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/index.js';
import { lastSeqOf } from '../../src/server/db/attempt-progress.js';
import { dbKinds, freshDatabase, type TestDatabase } from '../support/databases.js';
import { makeExamRoom, type Seat } from '../support/exam-room.js';
import { startServer, type ServerProcess } from '../support/server-process.js';

const LEARNERS = 100;
const SECRET = 'crash-test-secret-crash-test-secret-0123456789';
const ITEMS: Record<string, string[][]> = {
  q1: [['a'], ['b'], ['c']],
  q2: [['true'], ['false']],
  q3: [['a'], ['a', 'b'], ['b', 'c']],
  q4: [['a', 'b', 'd'], ['c'], ['a']],
  q5: [['a'], ['b']],
};

interface Ack {
  attemptId: string;
  itemId: string;
  seq: number;
  choiceIds: string[];
}

function send(agent: Agent, url: string, seat: Seat, method: string, path: string, body?: unknown) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method,
        agent,
        headers: {
          cookie: seat.cookie,
          'x-csrf-token': seat.csrf,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        let data = '';
        res.on('data', (d: Buffer) => (data += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * The server process is killed (SIGKILL) while 100 learners save answers. After a restart, every answer
 * the server acknowledged is there (or a newer one the learner sent, whose acknowledgement the kill cut
 * off), none is duplicated, and every deadline is the one fixed at « Commencer ».
 */
describe.each(dbKinds())('SIGKILL during answer saves on %s', (kind) => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;
  let seats: Seat[];
  beforeAll(async () => {
    db = await freshDatabase(kind);
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: db.dataDir, VIGIE_SECRET: SECRET });
    const { app, ctx } = await buildApp({ config, database: db.handle });
    ({ seats } = await makeExamRoom(ctx, LEARNERS));
    await app.close();
  }, 120_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await db.drop();
  });

  it('keeps every acknowledged answer, none duplicated, deadlines unchanged', async () => {
    const serverOpts = { dataDir: db.dataDir, databaseUrl: db.url, secret: SECRET };
    server = await startServer(serverOpts);
    const agent = new Agent({ keepAlive: true, maxSockets: LEARNERS });
    const deadlines = new Map<string, string>();
    await Promise.all(
      seats.map(async (seat) => {
        const res = await send(agent, server!.url, seat, 'POST', `/api/attempts/${seat.attemptId}/start`, {});
        expect(res.status, res.body).toBe(200);
        deadlines.set(seat.attemptId, (JSON.parse(res.body) as { deadlineAt: string }).deadlineAt);
      }),
    );

    const acks: Ack[] = [];
    let killed = false;
    let failures = 0;
    const itemIds = Object.keys(ITEMS);
    const learner = async (seat: Seat, n: number) => {
      // Each learner saves until a save fails: an answer read after the kill (its reply already in the socket when the
      // test's loop got there) is one more acknowledged, and the next save meets the dead server. Stopping at `killed`
      // instead let every learner stop on such a buffered reply — no save cut off (CI, loaded machine, 00:26).
      for (let seq = 1; ; seq++) {
        const itemId = itemIds[(seq + n) % itemIds.length]!;
        const options = ITEMS[itemId]!;
        const choiceIds = options[(seq * 7 + n) % options.length]!;
        try {
          const res = await send(agent, server!.url, seat, 'PUT', `/api/attempts/${seat.attemptId}/answers/${itemId}`, {
            choiceIds,
            flagged: seq % 5 === 0,
            seq,
          });
          if (res.status !== 200) throw new Error(`${res.status} ${res.body}`);
          acks.push({ attemptId: seat.attemptId, itemId, seq, choiceIds });
        } catch (err) {
          if (!killed) throw err;
          failures++;
          return;
        }
      }
    };
    const running = Promise.all(seats.map((s, i) => learner(s, i)));
    // Let the saves flow, then kill the server in the middle of them.
    while (acks.length < 1500) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    await server.kill('SIGKILL');
    await running;
    agent.destroy();
    console.info(`${kind}: ${acks.length} answers acknowledged before SIGKILL, ${failures} cut off`);
    expect(acks.length).toBeGreaterThanOrEqual(1500);
    expect(failures, 'saves in flight when the server died').toBeGreaterThan(0);

    const newest = new Map<string, Ack>();
    for (const a of acks) {
      const k = `${a.attemptId}/${a.itemId}`;
      if ((newest.get(k)?.seq ?? 0) < a.seq) newest.set(k, a);
    }

    // Restart on the same data and read it back, through the database and through the API.
    server = await startServer(serverOpts);
    const check = openDatabase({ databaseUrl: db.url, dataDir: db.dataDir, sqliteFile: db.sqliteFile });
    try {
      const rows = await check.db
        .selectFrom('answers')
        .select(['attempt_id', 'item_id', 'seq', 'response'])
        .where(
          'attempt_id',
          'in',
          seats.map((s) => s.attemptId),
        )
        .execute();
      const stored = new Map(rows.map((r) => [`${r.attempt_id}/${r.item_id}`, r]));
      expect(stored.size, 'one row per attempt and item').toBe(rows.length);
      for (const [k, ack] of newest) {
        const row = stored.get(k);
        expect(row, `acknowledged ${k} seq ${ack.seq} is missing`).toBeDefined();
        expect(Number(row!.seq), k).toBeGreaterThanOrEqual(ack.seq);
        if (Number(row!.seq) === ack.seq) expect(JSON.parse(row!.response), k).toEqual(ack.choiceIds);
      }
      const attempts = await check.db
        .selectFrom('attempts as a')
        .select((eb) => ['a.id', 'a.state', 'a.deadline_at', lastSeqOf(eb)])
        .where(
          'a.id',
          'in',
          seats.map((s) => s.attemptId),
        )
        .execute();
      const maxAcked = new Map<string, number>();
      for (const a of acks) maxAcked.set(a.attemptId, Math.max(maxAcked.get(a.attemptId) ?? 0, a.seq));
      for (const a of attempts) {
        expect(a.state).toBe('in_progress');
        expect(a.deadline_at).toBe(deadlines.get(a.id));
        expect(Number(a.last_seq)).toBeGreaterThanOrEqual(maxAcked.get(a.id) ?? 0);
      }
    } finally {
      await check.close();
    }

    // What the learner's page gets after the restart: the same answers, the same deadline.
    const agent2 = new Agent({ keepAlive: true });
    for (const seat of seats.slice(0, 10)) {
      const res = await send(agent2, server.url, seat, 'GET', `/api/attempts/${seat.attemptId}`);
      expect(res.status).toBe(200);
      const body = JSON.parse(res.body) as { deadlineAt: string; answers: Record<string, { seq: number }> };
      expect(body.deadlineAt).toBe(deadlines.get(seat.attemptId));
      for (const [k, ack] of newest)
        if (ack.attemptId === seat.attemptId) expect(body.answers[ack.itemId]!.seq, k).toBeGreaterThanOrEqual(ack.seq);
    }
    agent2.destroy();
  }, 300_000);
});
