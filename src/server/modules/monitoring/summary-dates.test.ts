import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
} from '../../../../tests/support/factories.js';
import { signedIn } from '../../../../tests/fuzz/clients.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';

/**
 * Dates from the outside (issue 14): `summary.csv?from=9999-12-31&to=9999-12-31` looped forever (the day
 * after 9999-12-31 is `+010000-01`, which sorts before it) and took the server down. Every date parameter
 * is a real calendar day between 2000-01-01 and 2100-12-31, every span is bounded, and whatever date comes
 * in, the answer is a 200 or a 400 naming the field, quickly.
 */

/** mulberry32: a small seeded generator, so a failure can be replayed from its seed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Dates at and beyond every boundary, and malformed ones. */
const BOUNDARY = [
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '1999-12-31',
  '2000-01-01',
  '2024-02-29',
  '2023-02-29',
  '2026-04-31',
  '2026-13-01',
  '2026-00-10',
  '2026-01-00',
  '2100-12-31',
  '2101-01-01',
  '9999-12-31',
  '+010000-01-01',
  '-000001-01-01',
  '2026-1-1',
  '2026-01-01T00:00:00Z',
  ' 2026-01-01',
  '2026-01-01\u0000',
  '２０２６-０１-０１',
  '',
  'today',
  '1e400',
];

function randomDate(r: () => number): string {
  const kind = r();
  if (kind < 0.15) return BOUNDARY[Math.floor(r() * BOUNDARY.length)]!;
  const y = kind < 0.85 ? 2000 + Math.floor(r() * 101) : Math.floor(r() * 10_000);
  return `${pad(y, 4)}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 31), 2)}`;
}

describe.each(dbKinds())('dates from the outside on %s', (kind) => {
  let t: TestApp;
  let desk: Client;
  let learnerId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const sp = await makeServicePoint(t.ctx);
    const op = await makeOperator(t.ctx, sp.id);
    const l = await makeLearner(t.ctx);
    learnerId = l.id;
    await enrol(t.ctx, l.id, (await makeTraining(t.ctx)).trainingId, sp.id);
    desk = await signedIn(t.app, op.username);
  });
  afterAll(async () => t.close());

  async function timed(url: string) {
    const started = performance.now();
    const res = await desk.get(url);
    return { res, ms: performance.now() - started };
  }

  function expectRefused(res: { statusCode: number; json(): unknown }, field: string) {
    expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
    const body = res.json() as { error: { code: string; field?: string; message: string } };
    expect(body.error).toMatchObject({ code: 'validation', field });
    expect(body.error.message).toContain(field);
  }

  it('refuses the year 9999 (the summary looped forever on it) and the days beyond 2100, naming the field', async () => {
    expectRefused(await desk.get('/api/desk/summary.csv?from=9999-12-31&to=9999-12-31'), 'from');
    expectRefused(await desk.get('/api/desk/summary.csv?date=9999-12-31'), 'date');
    expectRefused(await desk.get('/api/desk/summary.csv?from=2100-12-31&to=2101-01-01'), 'to');
    expectRefused(await desk.get('/api/desk/summary?date=9999-12-31'), 'date');
    expectRefused(await desk.get('/api/desk/summary?date=1999-12-31'), 'date');
    expectRefused(await desk.get('/api/desk/summary?date=2023-02-29'), 'date');
  });

  it('answers the last day of the range, one line, at once', async () => {
    const { res, ms } = await timed('/api/desk/summary.csv?from=2100-12-31&to=2100-12-31');
    expect(res.statusCode).toBe(200);
    expect(res.body.trim().split('\r\n')).toHaveLength(2);
    expect(ms).toBeLessThan(2000);
  });

  it('bounds the span of the summary to 366 days, naming the field', async () => {
    expect((await desk.get('/api/desk/summary.csv?from=2024-01-01&to=2024-12-31')).statusCode).toBe(200);
    expectRefused(await desk.get('/api/desk/summary.csv?from=2000-01-01&to=2100-12-31'), 'to');
    expectRefused(await desk.get('/api/desk/summary.csv?from=2026-05-02&to=2026-05-01'), 'to');
  });

  it('property: any date on every date-taking route answers 200 or a 400 naming the field, within a bound', async () => {
    const r = rng(20261207);
    const fields = ['date', 'from', 'to'];
    for (let i = 0; i < 120; i++) {
      const a = randomDate(r);
      const b = r() < 0.5 ? a : randomDate(r);
      const q = (k: string, v: string) => `${k}=${encodeURIComponent(v)}`;
      const urls = [
        `/api/desk/summary?${q('date', a)}`,
        `/api/desk/summary.csv?${q('date', a)}`,
        `/api/desk/summary.csv?${q('from', a)}&${q('to', b)}`,
        `/api/desk/summary.csv?${q('from', a)}`,
        `/api/desk/summary.csv?${q('to', b)}`,
      ];
      for (const url of urls) {
        const { res, ms } = await timed(url);
        expect([200, 400], `${url} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        expect(ms, url).toBeLessThan(2000);
        if (res.statusCode === 400) expect(fields, url).toContain(res.json().error.field);
      }
      // The date of birth of an identity check is a date too (its own rules say what is wrong with it).
      const started = performance.now();
      const res = await desk.post(`/api/desk/learners/${learnerId}/identity`, {
        documentType: 'licence',
        number: 'T6523-230785-05',
        dateOfBirth: a,
      });
      expect(res.statusCode, `dateOfBirth ${a} → ${res.body}`).toBeLessThan(500);
      expect(performance.now() - started).toBeLessThan(2000);
      if (res.statusCode === 400) expect(res.json().error.field, a).toBeTruthy();
    }
    expect((await desk.get('/healthz')).statusCode).toBe(200);
  });
});
