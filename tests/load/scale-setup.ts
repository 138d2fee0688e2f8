/**
 * What a row of `npm run bench:scale` starts besides its data: free ports for its servers, and the operators'
 * live lists (scale-watchers.ts) in a worker thread.
 */
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Worker } from 'node:worker_threads';

/** The first port from `from` on that nothing listens on (another program may hold one, e.g. 3306). */
export async function freePort(from: number): Promise<number> {
  for (let p = from; ; p++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return p;
  }
}

/** Starts the lists; resolves once every one has its snapshot. `next` waits for the worker's next message. */
export async function openLists(bases: string[], streams: { cookie: string; first: number }[]) {
  const script = new URL('./scale-watchers.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`,
    { eval: true, workerData: { bases, streams } },
  );
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  const next = () => Promise.race([failed, once(worker, 'message').then(([m]) => m as Record<string, number>)]);
  await next();
  return { worker, next };
}
