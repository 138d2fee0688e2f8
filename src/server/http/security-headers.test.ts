import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-app.js';
import { helmetOptions } from '../app.js';
import { loadConfig } from '../config.js';
import { securityHeaders } from './security-headers.js';

const VARYING = new Set(['date', 'content-length', 'content-type', 'connection', 'keep-alive', 'request-id']);
const securityOnly = (h: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !VARYING.has(k) && !k.startsWith('x-ratelimit')));

describe('security headers computed once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  for (const env of ['development', 'production'] as const) {
    it(`are the very headers @fastify/helmet sets (${env})`, async () => {
      const config = loadConfig({
        NODE_ENV: env,
        DATA_DIR: t.database.dataDir,
        VIGIE_SECRET: 'test-secret-test-secret-test-secret-0123456789',
        PUBLIC_URL: 'https://vigie.example',
      });
      const reference = Fastify({ logger: false });
      await reference.register(helmet, helmetOptions(config));
      reference.get('/', async () => ({ ok: true }));
      const expected = securityOnly((await reference.inject({ method: 'GET', url: '/' })).headers);
      await reference.close();
      expect(expected['content-security-policy']).toContain("'wasm-unsafe-eval'");
      if (env === 'production') expect(expected['strict-transport-security']).toBeDefined();

      expect(await securityHeaders(helmetOptions(config))).toEqual(expected);
    });
  }

  it('every reply of the app carries them: a route, a refusal, an unknown address', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: t.database.dataDir,
      VIGIE_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    });
    const expected = await securityHeaders(helmetOptions(config));
    for (const url of ['/healthz', '/api/account', '/api/nothing-here']) {
      const res = await t.app.inject({ method: 'GET', url });
      for (const [name, value] of Object.entries(expected)) expect(res.headers[name], `${url} ${name}`).toBe(value);
    }
  });
});
