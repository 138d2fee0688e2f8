/**
 * The operators of `npm run bench:scale`, in a worker thread of their own (as live-watchers.ts for bench-live):
 * one live list (`GET /api/desk/live`, server-sent events) per operator, reopened 2 s after it drops — on the
 * next instance still up when its own was killed (the main thread says which with a message). Records when
 * each saved sequence number of each attempt first reached its operator's list (absolute ms), and counts the
 * rows received (pushed events).
 */
import { request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

interface StreamSpec {
  cookie: string;
  first: number;
}
const { bases, streams } = workerData as { bases: string[]; streams: StreamSpec[] };
const port = parentPort!;
const dead = new Set<number>();
const abs = () => performance.timeOrigin + performance.now();
let running = true;
let rows = 0;
let errors = 0;
/** Per stream: attempt id, sequence number, arrival (absolute ms), flattened. */
const arrivals: (string | number)[][] = streams.map(() => []);
const reqs: (ReturnType<typeof request> | null)[] = streams.map(() => null);
const seen = streams.map(() => new Map<string, number>());

function open(i: number, at: number): Promise<void> {
  return new Promise((resolve) => {
    let buffer = '';
    let lost = false;
    let ready = false;
    const again = () => {
      if (lost) return;
      lost = true;
      reqs[i] = null;
      if (!ready) resolve();
      if (!running) return;
      let next = at;
      if (dead.has(at)) for (let k = 1; k <= bases.length && dead.has(next); k++) next = (at + k) % bases.length;
      setTimeout(() => void open(i, next), 2000);
    };
    const req = request(
      `${bases[at]}/api/desk/live`,
      { agent: false, headers: { accept: 'text/event-stream', cookie: streams[i]!.cookie } },
      (res) => {
        if (res.statusCode !== 200) {
          errors++;
          res.resume();
          res.on('end', again);
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const t = abs();
            if (block.includes('event: snapshot\n')) {
              ready = true;
              resolve();
            }
            // A row (or a snapshot's rows): attempt id and last sequence number, read without parsing it all.
            const re = /"attemptId":"([^"]+)"[\s\S]*?"lastSeq":(\d+)/g;
            for (let m; (m = re.exec(block));) {
              if (!block.includes('event: snapshot\n')) rows++;
              const attempt = m[1]!;
              const lastSeq = Number(m[2]);
              const before = seen[i]!.get(attempt) ?? 0;
              if (lastSeq <= before) continue;
              seen[i]!.set(attempt, lastSeq);
              for (let q = before + 1; q <= lastSeq; q++) arrivals[i]!.push(attempt, q, t);
            }
            if (block.includes('event: removed\n')) rows++;
          }
        });
        res.on('close', again);
      },
    );
    req.on('error', again);
    req.end();
    reqs[i] = req;
  });
}

await Promise.all(streams.map((s, i) => open(i, s.first)));
port.postMessage({ ready: true });
port.on('message', (m: { dead?: number; stop?: boolean; count?: boolean }) => {
  if (m.dead !== undefined) dead.add(m.dead);
  if (m.count) port.postMessage({ rows, errors });
  if (m.stop) {
    running = false;
    for (const r of reqs) r?.destroy();
    port.postMessage({ arrivals, rows, errors });
  }
});
