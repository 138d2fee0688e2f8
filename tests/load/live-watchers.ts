/**
 * The operators of bench-live.ts, in a worker thread of their own so that reading 50 streams does not delay
 * the learners' requests (nor the other way round). Records when each saved sequence number of each attempt
 * first reached each stream, in absolute milliseconds (performance.timeOrigin + performance.now(), the same
 * clock in every thread), and hands everything back when told to stop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SseClient } from '../support/sse.js';

const { url, cookies } = workerData as { url: string; cookies: string[] };
const port = parentPort!;
const abs = (t: number) => performance.timeOrigin + t;

/** Per stream: attempt id, sequence number, arrival (absolute ms), flattened. */
const arrivals: (string | number)[][] = [];

const streams = await Promise.all(cookies.map((cookie) => SseClient.open(url, { cookie }, 1)));
for (const s of streams) {
  if (s.status !== 200) throw new Error(`operator stream: ${s.status} ${s.body}`);
  const seen = new Map<string, number>();
  const mine: (string | number)[] = [];
  arrivals.push(mine);
  s.onEvent((e) => {
    if (e.event !== 'row') return;
    // Read without parsing the whole row.
    const attempt = /"attemptId":"([^"]+)"/.exec(e.data)?.[1];
    const lastSeq = Number(/"lastSeq":(\d+)/.exec(e.data)?.[1]);
    if (!attempt || !Number.isFinite(lastSeq)) return;
    const before = seen.get(attempt) ?? 0;
    if (lastSeq <= before) return;
    seen.set(attempt, lastSeq);
    const at = abs(e.at);
    for (let q = before + 1; q <= lastSeq; q++) mine.push(attempt, q, at);
  });
}
await Promise.all(streams.map((s) => s.waitFor((e) => e === 'snapshot', 60_000)));
port.postMessage({ ready: true });
port.once('message', () => {
  for (const s of streams) s.close();
  port.postMessage({ arrivals });
});
