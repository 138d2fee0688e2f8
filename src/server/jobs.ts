import type { AppContext } from './context.js';
import { lapseStaleAuthorizations } from './modules/desk/authorizations.service.js';

/** Periodic work every instance runs; each job is safe to run on several instances at once. */
export type Job = { name: string; everyMs: number; run: (ctx: AppContext) => Promise<void> };

export const jobs: Job[] = [
  {
    name: 'lapse-stale-authorizations',
    everyMs: 60_000,
    run: async (ctx) => {
      await lapseStaleAuthorizations(ctx);
    },
  },
];

export function startBackgroundJobs(ctx: AppContext): () => void {
  const timers = jobs.map((job) =>
    setInterval(() => {
      job.run(ctx).catch((err: unknown) => ctx.log.error({ err, job: job.name }, 'background job failed'));
    }, job.everyMs),
  );
  return () => timers.forEach(clearInterval);
}
