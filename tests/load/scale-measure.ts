/**
 * What `npm run bench:scale` (and `npm run bench`) read from /proc: CPU time of the server's processes and of
 * the PostgreSQL backends serving its database (or of all PostgreSQL's processes), the server's resident
 * memory, and the machine's load average.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import type { ServerProcess } from '../support/server-process.js';
import { percentile } from './load-support.js';

const TICK_MS = 10; // USER_HZ = 100 on Linux

function statFields(pid: string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // ended meanwhile
  }
}

const pids = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d));

/** CPU time (ms) used so far by every process of the servers' process groups (node and tsx's esbuild). */
export function serversCpuMs(servers: ServerProcess[]): number {
  const groups = new Set(servers.map((s) => s.child.pid));
  let total = 0;
  for (const pid of pids()) {
    const f = statFields(pid);
    if (f && groups.has(Number(f[2]))) total += (Number(f[11]) + Number(f[12])) * TICK_MS;
  }
  return total;
}

/**
 * CPU time (ms) used so far by the PostgreSQL backends connected to `database` (their command line names it):
 * the other users of this shared PostgreSQL server are not counted, nor its WAL writer and checkpointer.
 */
export function pgBackendsCpuMs(database: string | undefined): number {
  if (!database) return 0;
  for (const pid of pids()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres: ') || !cmd.includes(` ${database} `)) continue;
    } catch {
      continue;
    }
    const f = statFields(pid);
    if (f) backends.set(`${database} ${pid} ${f[19]}`, (Number(f[11]) + Number(f[12])) * TICK_MS);
  }
  let total = 0;
  for (const [key, ms] of backends) if (key.startsWith(`${database} `)) total += ms;
  return total;
}

/** CPU time (ms) used so far by PostgreSQL's processes (every backend and background process of the machine's server). */
export function postgresCpuMs(): number {
  let total = 0;
  for (const pid of pids()) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) * TICK_MS;
    } catch {
      /* the process ended meanwhile */
    }
  }
  return total;
}

/**
 * The last CPU time seen of each backend (by database, pid and start time): the pool closes idle connections, and
 * a backend that exited takes its CPU time with it from /proc. Sampled every second by the bench (`sampleCpu`).
 */
const backends = new Map<string, number>();

/** Resident memory (MB) of a server's node process. */
export function rssMb(server: ServerProcess): number {
  try {
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

export const loadAvg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * Waits until freshly started servers are idle (under 5 % of a core for a second, 30 s at most): at start-up
 * they load the photo checks' face models in a worker thread.
 */
export async function settled(servers: ServerProcess[]) {
  for (let i = 0; i < 30; i++) {
    const before = serversCpuMs(servers);
    await new Promise((r) => setTimeout(r, 1000));
    if (serversCpuMs(servers) - before < 50 * servers.length) return;
  }
}

export interface Bare {
  rps: number;
  p99: number;
  cpuUs: number;
}

/** The bare route (bare-server.ts: one SQLite insert, synchronous=FULL), 50 connections for 3 s. */
export async function measureBare(bare: ServerProcess): Promise<Bare> {
  let n = 0;
  const before = serversCpuMs([bare]);
  const r = await autocannon({
    url: bare.url,
    connections: 50,
    duration: 3,
    setupClient: (client) => {
      const c = n++;
      let seq = 0;
      client.setRequests([
        {
          method: 'PUT',
          setupRequest: (req) => ({
            ...req,
            method: 'PUT',
            path: `/bare/learner${c}/q${seq % 5}`,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ choiceIds: ['a'], seq: ++seq }),
          }),
        },
      ]);
    },
  });
  const cpu = serversCpuMs([bare]) - before;
  return {
    rps: Math.round(r.requests.average),
    p99: r.latency.p99,
    cpuUs: Math.round((cpu * 1000) / r.requests.total),
  };
}

/** Percentile rounded (ms); NaN when there is no sample. */
export const pctl = (sorted: number[], p: number) => Math.round(percentile(sorted, p));

/**
 * The server's main thread (its event loop) so far: time on a CPU and time runnable but waiting for one (ms),
 * from /proc/<pid>/schedstat. On a shared machine the second says how much of a latency is the machine's.
 */
export function schedMs(servers: ServerProcess[]): { run: number; wait: number } {
  let run = 0;
  let wait = 0;
  for (const s of servers)
    try {
      const [r, w] = readFileSync(`/proc/${s.child.pid}/schedstat`, 'utf8').split(' ').map(Number);
      run += r! / 1e6;
      wait += w! / 1e6;
    } catch {
      /* ended */
    }
  return { run, wait };
}
