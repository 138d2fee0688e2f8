/**
 * The cost phases of `npm run bench:scale` (bench-scale.ts): each measures one activity alone, the pages'
 * heartbeats held meanwhile, between two moments when the servers are idle — so a cost is the CPU the activity
 * took, never a difference of two busy phases (which went negative under load: a save at −243 µs, an operator's
 * stream at −579 KB). It is an upper bound: the connected pages' floor (pings, timers) over the phase is in it.
 */
import { request } from 'node:http';
import type { ServerProcess } from '../support/server-process.js';
import type { SimLearner } from './scale-learners.js';
import { rssMb, serversCpuMs, settled } from './scale-measure.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A request from an operator's page (session cookie and CSRF token). */
export function operatorPost(url: string, op: { cookie: string; csrf: string }, body: unknown) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    const text = JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          cookie: op.cookie,
          'x-csrf-token': op.csrf,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        },
      },
      (res) => {
        let b = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (b += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(text);
  });
}

/** What an error answer says (its code), for the errors column: « add time 409 attempt_not_in_progress ». */
export function errorCode(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '';
  } catch {
    return '';
  }
}

export interface Alone {
  /** The servers' CPU (ms) and the PostgreSQL backends' over the phase, settled to settled. */
  cpuMs: number;
  pgMs: number;
  /** Operations the phase counted (saves acknowledged, events received). */
  n: number;
}

/** CPU per operation (µs), from a phase alone; NaN when nothing was counted. */
export const perOp = (ms: number, n: number) => (n > 0 ? Math.round((ms * 1000) / n) : NaN);

/** Runs `action` between two idle moments of the servers; its CPU and the PostgreSQL backends'. */
export async function alone(
  servers: ServerProcess[],
  pgCpu: () => number,
  action: () => Promise<number>,
): Promise<Alone> {
  await settled(servers);
  const cpu0 = serversCpuMs(servers);
  const pg0 = pgCpu();
  const n = await action();
  await settled(servers);
  return { cpuMs: serversCpuMs(servers) - cpu0, pgMs: pgCpu() - pg0, n };
}

/** Each started learner saves one answer, at a random moment of the same 2 s; the saves acknowledged. */
export async function savesOnce(sims: SimLearner[], error: (what: string) => void): Promise<number> {
  let acked = 0;
  await Promise.all(
    sims
      .filter((s) => s.started)
      .map(async (s) => {
        await sleep(Math.random() * 2000);
        const r = await s.save();
        if (r.status === 200) acked++;
        else error(`save alone ${r.status}`);
      }),
  );
  return acked;
}

/**
 * The memory of some connections: RSS before and after `open` (per server), and what RSS resolves — its spread
 * over five samples of an idle second before (the heap's own moves). Below that, the figure is « below resolution ».
 */
export async function memoryOf(servers: ServerProcess[], open: () => Promise<void>) {
  const samples: number[][] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(servers.map(rssMb));
    await sleep(200);
  }
  const before = servers.map((_, k) => samples.reduce((m, s) => m + s[k]!, 0) / samples.length);
  const resolutionMb = Math.max(
    1,
    ...servers.map((_, k) => Math.max(...samples.map((s) => s[k]!)) - Math.min(...samples.map((s) => s[k]!))),
  );
  await open();
  await sleep(1000);
  const after = servers.map(rssMb);
  return { before, after, resolutionMb };
}

/** KB per connection from `memoryOf` (the most grown server), or « < x » when below what RSS resolves. */
export function kbPer(m: { before: number[]; after: number[]; resolutionMb: number }, perServer: number): string {
  const grownMb = Math.max(...m.after.map((a, k) => a - m.before[k]!));
  if (grownMb < m.resolutionMb) return `< ${Math.ceil((m.resolutionMb * 1024) / perServer)}`;
  return String(Math.round((grownMb * 1024) / perServer));
}
