import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScene, type Scene } from '../fuzz/scene.js';
import { fuzzEveryRoute } from '../fuzz/run.js';
import { dbKinds } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The fuzz suite (issue 14): every route the app registers, with cases generated from its own schemas
 * (tests/fuzz/cases.ts), as an anonymous visitor, a learner, an operator and an administrator. A new route
 * is fuzzed without anyone writing a test. FUZZ_SEED replays a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

describe.each(dbKinds())('fuzzing every route on %s', (kind) => {
  let t: TestApp;
  let scene: Scene;
  beforeAll(async () => {
    t = await createTestApp(kind);
    scene = await buildScene(t);
  });
  afterAll(async () => t.close());

  it(`holds whatever the input (seed ${SEED})`, { timeout: 150_000 }, async () => {
    const started = performance.now();
    const report = await fuzzEveryRoute(t, scene, SEED);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`fuzz on ${kind}: ${report.sent} requests over ${report.routes} routes in ${seconds} s`);
    if (process.env.FUZZ_VERBOSE) console.log(report.valid.join('\n'));
    expect(report.routes).toBeGreaterThan(40);
    expect(report.failures).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
