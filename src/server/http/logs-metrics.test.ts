import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../tests/support/databases.js';
import { makeLearner } from '../../../tests/support/factories.js';
import { startServer, type ServerProcess } from '../../../tests/support/server-process.js';
import { Client, createTestApp, type TestApp } from '../../../tests/support/test-app.js';

/** Issue 14: what the request log holds, and who reads /metrics and what it counts. */
describe('the request log of the real server', () => {
  let server: ServerProcess;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-logs-'));
    server = await startServer({
      dataDir,
      port: 4510,
      secret: 'logs-test-secret-logs-test-secret-0123456789',
      env: { LOG_LEVEL: 'info' },
    });
  }, 90_000);
  afterAll(async () => {
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds neither search terms nor a QR statement, only the path', async () => {
    const statement = 'VG1.eyJuIjoiTWFyaWUgVHJlbWJsYXkifQ.c2lnbmF0dXJlc2lnbmF0dXJl';
    await fetch(`${server.url}/api/desk/learners?q=Ouellette-Bergeron`);
    await fetch(`${server.url}/api/verify/VG-2026-ABCD-EFGH?s=${statement}`);
    const marker = `/healthz-is-not-a-page-${Date.now()}`;
    await fetch(`${server.url}${marker}?token=s3cr3t-reset-token`);
    // The log line of the last request is written once it is answered: wait for it.
    const deadline = Date.now() + 10_000;
    while (!server.output().includes(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const log = server.output();
    expect(log).toContain(marker);
    expect(log).toContain('/api/desk/learners');
    expect(log).toContain('/api/verify/VG-2026-ABCD-EFGH');
    for (const secret of ['Ouellette', 'VG1.', 'eyJuIjoiTWFyaWUgVHJlbWJsYXkifQ', 's3cr3t-reset-token', '?q=', '?s='])
      expect(log, secret).not.toContain(secret);
  });
});

describe.each(dbKinds())('/metrics on %s', (kind) => {
  let t: TestApp;
  let closed: TestApp;
  const token = 'metrics-token-0123456789abcdef';
  beforeAll(async () => {
    t = await createTestApp(kind, { METRICS_TOKEN: token });
    closed = await createTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
    await closed.close();
  });

  it('answers 404 without METRICS_TOKEN, and without the right bearer token', async () => {
    const notFound = (await closed.app.inject({ method: 'GET', url: '/no-such-route' })).json();
    const bare = await closed.app.inject({ method: 'GET', url: '/metrics' });
    expect(bare.statusCode).toBe(404);
    expect(bare.json()).toEqual(notFound);
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${token}`, token]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode, authorization).toBe(404);
      expect(res.body).not.toContain('vigie_http');
    }
  });

  it('counts every route, not only its own', async () => {
    const learner = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    await c.signIn(learner.username);
    await c.get('/api/learning/cards');
    await c.get('/api/desk/learners?q=x');
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    const text = res.body;
    expect(text).toMatch(/vigie_http_requests_total\{method="GET",route="\/api\/learning\/cards",status="200"\} 1/);
    expect(text).toMatch(/vigie_http_requests_total\{method="GET",route="\/api\/desk\/learners",status="403"\} 1/);
    expect(text).toMatch(/vigie_http_requests_total\{method="POST",route="\/api\/auth\/sign-in",status="200"\} 1/);
    expect(text).not.toContain('q=x');
  });
});
