import type { AppContext } from '../../context.js';

/**
 * Work done after the reply has gone: forgot-password's look-up, token and mail, and the notices a change of
 * password or e-mail sends. The reply then takes the same time whether the account exists or not, and a slow
 * or failing mail server never reaches the request. A task starts at the next turn of the event loop, after
 * the reply is written; a failure is logged, never thrown. Per app: at most MAX_RUNNING at once, and beyond
 * MAX_WAITING waiting tasks new ones are dropped (logged): the routes are rate-limited well below that.
 */
export const MAX_RUNNING = 4;
export const MAX_WAITING = 1000;

interface Task {
  name: string;
  run: () => Promise<void>;
}
interface Queue {
  waiting: Task[];
  running: number;
  idle: (() => void)[];
}

const queues = new WeakMap<AppContext, Queue>();
function queueOf(ctx: AppContext): Queue {
  let q = queues.get(ctx);
  if (!q) queues.set(ctx, (q = { waiting: [], running: 0, idle: [] }));
  return q;
}

export function afterReply(ctx: AppContext, name: string, run: () => Promise<void>) {
  const q = queueOf(ctx);
  if (q.waiting.length >= MAX_WAITING) {
    ctx.log.error({ task: name }, 'after-reply queue full: task dropped');
    return;
  }
  q.waiting.push({ name, run });
  setImmediate(() => pump(ctx, q));
}

function pump(ctx: AppContext, q: Queue) {
  while (q.running < MAX_RUNNING && q.waiting.length > 0) {
    const task = q.waiting.shift()!;
    q.running++;
    task
      .run()
      .catch((err: unknown) => ctx.log.error({ err, task: task.name }, 'after-reply task failed'))
      .finally(() => {
        q.running--;
        pump(ctx, q);
        if (q.running === 0 && q.waiting.length === 0) for (const resolve of q.idle.splice(0)) resolve();
      });
  }
}

/** Resolves once every queued task has ended (tests; a graceful shutdown). */
export function afterReplySettled(ctx: AppContext): Promise<void> {
  const q = queueOf(ctx);
  if (q.running === 0 && q.waiting.length === 0) return Promise.resolve();
  return new Promise((resolve) => q.idle.push(resolve));
}
