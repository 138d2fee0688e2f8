import type { AppContext } from './context.js';

/** Periodic work every instance runs; each job is safe to run on several instances at once. */
export type Job = { name: string; everyMs: number; run: (ctx: AppContext) => Promise<void> };

export const jobs: Job[] = [];

export function startBackgroundJobs(ctx: AppContext): () => void {
  const timers = jobs.map((job) =>
    setInterval(() => {
      job.run(ctx).catch((err: unknown) => ctx.log.error({ err, job: job.name }, 'background job failed'));
    }, job.everyMs),
  );
  return () => timers.forEach(clearInterval);
}
