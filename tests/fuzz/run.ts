import type { LightMyRequestResponse } from 'fastify';
import { afterReplySettled } from '../../src/server/modules/accounts/after-reply.js';
import type { TestApp } from '../support/test-app.js';
import { casesFor, type FuzzCase } from './cases.js';
import { followCsrfCookie } from './clients.js';
import { primaryRole, ROLES, rowCounter, type Scene } from './scene.js';

/**
 * Sends every route's generated cases (tests/fuzz/cases.ts) as each role and checks what must hold whatever
 * the input: no 5xx; every 400 names a field (and a `validation` message names it too); a refused request
 * writes no row in any table; every request answers within a bound; /healthz answers after each route.
 */

/** Cases per route for the role the route is meant for, on top of the mandatory ones; and for the others. */
const SAMPLED_PER_ROUTE = 20;
const SAMPLED_OTHER_ROLES = 1;
const ANSWER_WITHIN_MS = 5000;
/** Server-sent event streams: a valid request stays open, by design (an answer is its refusal). */
const STREAMS = new Set(['GET /api/desk/live', 'GET /api/attempts/:attemptId/events']);
const STREAM_OPEN_MS = 300;
/**
 * Refusals that record something by design: a wrong password (sign-in, or the current password asked
 * before changing the e-mail or the password) is counted for throttling and audited.
 */
const RECORDED_REFUSALS: Record<string, string[]> = {
  bad_credentials: ['login_failures', 'audit_log'],
  current_password_wrong: ['login_failures', 'audit_log'],
};
/** Not the API: the built web app, when served. */
const SKIPPED = (url: string) => url === '/*' || url.startsWith('/assets');

/** mulberry32: a seeded generator, so a run can be replayed from its seed. */
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(cases: FuzzCase[], n: number, random: () => number, withMandatory: boolean): FuzzCase[] {
  const mandatory = withMandatory ? cases.filter((c) => c.mandatory) : cases.filter((c) => c.name === 'valid');
  const rest = cases.filter((c) => !mandatory.includes(c));
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [...mandatory, ...rest.slice(0, n)];
}

async function answerOrTimeout(p: Promise<LightMyRequestResponse>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'no answer'>((resolve) => {
    timer = setTimeout(() => resolve('no answer'), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface FuzzReport {
  failures: string[];
  sent: number;
  routes: number;
  /** Per route and role, how the valid request was answered: whether the cases reach the services. */
  valid: string[];
}

export async function fuzzEveryRoute(t: TestApp, scene: Scene, seed: number): Promise<FuzzReport> {
  const random = rng(seed);
  const counts = await rowCounter(t.ctx);
  const failures: string[] = [];
  const seen = new Set<string>();
  const routes = t.app.vigieRouteSchemas.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (r.method === 'HEAD' || SKIPPED(r.url) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  let sent = 0;
  const valid: string[] = [];
  let before = await counts();
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const primary = primaryRole(route.access);
    for (const role of ROLES) {
      const all = casesFor(route, scene.known(role));
      const cases = pick(all, role === primary ? SAMPLED_PER_ROUTE : SAMPLED_OTHER_ROLES, random, role === primary);
      for (const c of cases) {
        const label = `${role} ${key} — ${c.name}`;
        const { c: client, fresh } = await scene.client(role);
        if (fresh) before = await counts();
        client.remoteAddress = scene.nextIp();
        // The CSRF pair is kept with them: the server answers a hostile cookie with a new pair.
        const touched = c.cookies ? [...Object.keys(c.cookies), 'vigie_csrf', 'vigie_pre'] : [];
        const kept = new Map(touched.map((name) => [name, client.cookies.get(name)]));
        for (const [name, value] of Object.entries(c.cookies ?? {})) client.cookies.set(name, value);
        const started = performance.now();
        const res = await answerOrTimeout(
          client.request({ method: c.method as 'GET', url: c.url, payload: c.payload, headers: c.headers }),
          STREAMS.has(key) ? STREAM_OPEN_MS : ANSWER_WITHIN_MS,
        );
        // The browser's own cookies back (a hostile one the server cleared included).
        for (const [name, value] of kept)
          if (value === undefined) client.cookies.delete(name);
          else client.cookies.set(name, value);
        sent++;
        if (res === 'no answer') {
          if (!STREAMS.has(key)) failures.push(`${label}: no answer within ${ANSWER_WITHIN_MS} ms`);
          before = await counts();
          continue;
        }
        followCsrfCookie(client);
        if (c.name === 'valid') valid.push(`${res.statusCode} ${role} ${key}`);
        const ms = performance.now() - started;
        if (ms > ANSWER_WITHIN_MS) failures.push(`${label}: answered in ${Math.round(ms)} ms`);
        // Work a request leaves for after its reply (forgot-password's) is its own, not the next one's.
        await afterReplySettled(t.ctx);
        const after = await counts();
        failures.push(...check(label, res, before, after));
        before = after;
      }
    }
    // Still up: /healthz answers 200 — at once, or within a few seconds on a starved machine (its write probe has
    // 500 ms); a route that wedged the server keeps it failing and is reported with the reason it gave.
    let health = await t.app.inject({ method: 'GET', url: '/healthz' });
    for (let i = 0; i < 10 && health.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 300));
      health = await t.app.inject({ method: 'GET', url: '/healthz' });
    }
    if (health.statusCode !== 200) failures.push(`after ${key}: /healthz answered ${health.statusCode} ${health.body}`);
    before = await counts();
  }
  return { failures, sent, routes: routes.length, valid };
}

function check(
  label: string,
  res: LightMyRequestResponse,
  before: Record<string, number>,
  after: Record<string, number>,
): string[] {
  const out: string[] = [];
  const status = res.statusCode;
  if (status >= 500) out.push(`${label}: ${status} ${res.body.slice(0, 300)}`);
  let error: { code?: string; field?: string; message?: string } | undefined;
  try {
    error = (JSON.parse(res.body) as { error?: typeof error }).error;
  } catch {
    error = undefined;
  }
  if (status === 400) {
    if (!error?.field) out.push(`${label}: 400 without a field: ${res.body.slice(0, 300)}`);
    else if (error.code === 'validation' && !error.message?.includes(error.field))
      out.push(`${label}: the message does not name the field ${error.field}: ${error.message}`);
  }
  if (status >= 400) {
    const recorded = RECORDED_REFUSALS[error?.code ?? ''] ?? [];
    const written = Object.keys(after).filter((table) => after[table] !== before[table] && !recorded.includes(table));
    if (written.length > 0)
      out.push(`${label}: refused (${status} ${error?.code}) but rows changed in ${written.join(', ')}`);
  }
  return out;
}
