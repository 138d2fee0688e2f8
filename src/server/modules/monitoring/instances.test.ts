import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workstationCookie } from '../../../../tests/support/attempts.js';
import { makeAuthorizedScene } from '../../../../tests/support/factories.js';
import { HttpClient } from '../../../../tests/support/http-client.js';
import { startServer, type ServerProcess } from '../../../../tests/support/server-process.js';
import { SseClient } from '../../../../tests/support/sse.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { WORKSTATION_COOKIE } from '../../http/workstation.js';
import type { LiveRowChanged, LiveRowRemoved, LiveSnapshot } from '../../../shared/live.js';

const SECRET = 'test-secret-test-secret-test-secret-0123456789';

/**
 * Two real app processes (`npx tsx src/server/main.ts`) on one PostgreSQL database, as behind a load
 * balancer: the learner's browser talks to instance A, the operator's to instance B.
 */
describe.runIf(!!process.env.TEST_DATABASE_URL)('two app instances on one PostgreSQL database', () => {
  let t: TestApp;
  let a: ServerProcess;
  let b: ServerProcess;
  const dirs: string[] = [];
  const streams: SseClient[] = [];

  beforeAll(async () => {
    t = await createTestApp('postgres');
    const dir = () => {
      const d = mkdtempSync(path.join(os.tmpdir(), 'vigie-instance-'));
      dirs.push(d);
      return d;
    };
    [a, b] = await Promise.all([
      startServer({ dataDir: dir(), databaseUrl: t.database.url, secret: SECRET, env: { LOG_LEVEL: 'info' } }),
      startServer({ dataDir: dir(), databaseUrl: t.database.url, secret: SECRET, env: { LOG_LEVEL: 'info' } }),
    ]);
  }, 120_000);

  afterAll(async () => {
    for (const s of streams) s.close();
    await Promise.all([a?.kill(), b?.kill()]);
    await t.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a learner answering on instance A shows up on the operator’s stream from instance B, and back', async () => {
    expect(a.output()).toContain('events shared with every instance on this PostgreSQL database');
    const scene = await makeAuthorizedScene(t.ctx);
    const learner = new HttpClient(a.url);
    learner.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, scene.sp.workstations[0]!.id));
    await learner.signIn(scene.learner.username);
    const operator = new HttpClient(b.url);
    await operator.signIn(scene.operator.username);

    const onB = await SseClient.open(`${b.url}/api/desk/live`, { cookie: operator.cookieHeader() });
    streams.push(onB);
    expect(onB.status).toBe(200);
    const { data: snap } = await onB.waitFor<LiveSnapshot>((e) => e === 'snapshot');
    expect(snap.rows.map((r) => [r.attemptId, r.state])).toEqual([[scene.attemptId, 'authorized']]);
    // The operator's session, made on B, works on A too (sessions are in the database).
    const onA = await SseClient.open(`${a.url}/api/desk/live`, { cookie: operator.cookieHeader() });
    streams.push(onA);
    expect(onA.status).toBe(200);
    await onA.waitFor((e) => e === 'snapshot');

    const url = `/api/attempts/${scene.attemptId}`;
    expect((await learner.post(`${url}/start`)).status).toBe(200);
    await onB.waitFor<LiveRowChanged>((e, d) => e === 'row' && d.row.state === 'in_progress', 5000);
    const sent = performance.now();
    const saved = await learner.put(`${url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 });
    expect(saved.status).toBe(200);
    const seen = await onB.waitFor<LiveRowChanged>(
      (e, d) => e === 'row' && d.row.attemptId === scene.attemptId && d.row.lastSeq === 1,
      5000,
    );
    expect(seen.data.row).toMatchObject({ answered: 1, questionCount: 5, learnerId: scene.learner.id });
    console.info(`answer saved on A → operator's stream on B: ${Math.round(seen.event.at - sent)} ms`);

    // The operator ends the exam on B: the row leaves on both instances, and the learner's A says so.
    const figures = await operator.get(`/api/desk/attempts/${scene.attemptId}/figures`);
    expect(figures.json).toMatchObject({ answered: 1, points: 1, maxPoints: 8 });
    const ended = await operator.post(`/api/desk/attempts/${scene.attemptId}/terminate`);
    expect(ended.status).toBe(200);
    for (const s of [onB, onA]) {
      const gone = await s.waitFor<LiveRowRemoved>((e, d) => e === 'removed' && d.attemptId === scene.attemptId, 5000);
      expect(gone.data.state).toBe('terminated');
    }
    expect((await learner.post(`${url}/heartbeat`)).json).toMatchObject({ state: 'terminated' });
    expect((await learner.get(url)).json).toMatchObject({ result: { state: 'terminated', scorePoints: 1 } });
  }, 60_000);
});

describe('one app instance on SQLite', () => {
  it('says it runs as a single instance', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-single-'));
    const server = await startServer({ dataDir: dir, secret: SECRET, env: { LOG_LEVEL: 'info' } });
    try {
      expect(server.output()).toContain(
        'live monitoring: events stay in this process — SQLite runs as a single instance',
      );
    } finally {
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
