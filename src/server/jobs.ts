import type { AppContext } from './context.js';
import { expiryJob } from './modules/attempts/attempts.jobs.js';
import { lapseStaleAuthorizations } from './modules/desk/authorizations.service.js';
import { destroyExpiredPhotos } from './modules/photos/photos.service.js';

/** Periodic work every instance runs; each job is safe to run on several instances at once. */
export type Job = { name: string; everyMs: number; run: (ctx: AppContext) => Promise<void> };

export const jobs: Job[] = [
  expiryJob,
  {
    name: 'lapse-stale-authorizations',
    everyMs: 60_000,
    run: async (ctx) => {
      await lapseStaleAuthorizations(ctx);
    },
  },
  {
    // Photos past their retention date, and uploads never saved, are destroyed (audited as photo.destroyed).
    name: 'photos-retention',
    everyMs: 3_600_000,
    run: async (ctx) => {
      await destroyExpiredPhotos(ctx);
    },
  },
];

/** Starts every job; the function returned stops them, resolving once the runs under way have ended. */
export function startBackgroundJobs(ctx: AppContext): () => Promise<void> {
  const runs = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    // A run that outlasts its period is not started again until it ends.
    let running = false;
    return setInterval(() => {
      if (running) return;
      running = true;
      const run: Promise<void> = job
        .run(ctx)
        .catch((err: unknown) => ctx.log.error({ err, job: job.name }, 'background job failed'))
        .finally(() => {
          running = false;
          runs.delete(run);
        });
      runs.add(run);
    }, job.everyMs);
  });
  // A shutdown waits for a run's commit rather than closing the database under it.
  return async () => {
    timers.forEach(clearInterval);
    await Promise.all(runs);
  };
}
