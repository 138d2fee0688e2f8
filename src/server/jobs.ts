import type { AppContext } from './context.js';
import { databaseTrouble } from './db/errors.js';
import { expiryJob, lapseJob } from './modules/attempts/attempts.jobs.js';
import { creditDowntime, forgetMoved, SILENCE_MS } from './modules/attempts/downtime.service.js';
import { beat, firstBeat, forgetGoneInstances } from './modules/system/health.service.js';
import { destroyExpiredPhotos } from './modules/photos/saved-photos.js';

/** Periodic work every instance runs; each job is safe to run on several instances at once. */
export type Job = { name: string; everyMs: number; run: (ctx: AppContext) => Promise<void> };

export const jobs: Job[] = [
  {
    // The instance's heartbeat (also written by every /healthz): how a restart knows how long the service was down.
    name: 'heartbeat',
    everyMs: 10_000,
    run: beat,
  },
  expiryJob,
  lapseJob,
  {
    // Photos past their retention date, and uploads never saved, are destroyed (audited as photo.destroyed).
    name: 'photos-retention',
    everyMs: 3_600_000,
    run: async (ctx) => {
      await destroyExpiredPhotos(ctx);
    },
  },
];

/**
 * Before the first sweep: if every instance was silent for longer than SILENCE_MS, the service was down,
 * and exams that give that time back get it (downtime.service.ts). Then this instance's first heartbeat.
 */
export async function startUp(ctx: AppContext): Promise<void> {
  let moved: string[] = [];
  await firstBeat(ctx, SILENCE_MS, async (trx, since) => {
    const downtime = { from: since, to: ctx.now().toISOString() };
    moved = await creditDowntime(ctx, trx, downtime);
    ctx.log.warn(
      { ...downtime, credited: moved.length },
      'the service was down; exams that give the time back gave it',
    );
  });
  forgetMoved(ctx, moved);
  // Instances long gone (a restart is a new instance) are forgotten.
  await forgetGoneInstances(ctx, new Date(ctx.now().getTime() - 30 * 86_400_000));
}

/** Starts every job; the function returned stops them, resolving once the runs under way have ended. */
export function startBackgroundJobs(ctx: AppContext): () => Promise<void> {
  const runs = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    // A run that outlasts its period is not started again until it ends.
    let running = false;
    // While the database is away, a job that runs every second would log every second: once is enough.
    let trouble: string | null = null;
    return setInterval(() => {
      if (running) return;
      running = true;
      const run: Promise<void> = job
        .run(ctx)
        .then(() => {
          if (trouble) ctx.log.info({ job: job.name }, 'background job back to work');
          trouble = null;
        })
        .catch((err: unknown) => {
          const now = databaseTrouble(err);
          if (!now) ctx.log.error({ err, job: job.name }, 'background job failed');
          else if (now !== trouble)
            ctx.log.warn({ err, job: job.name, trouble: now }, 'background job waits for the database');
          trouble = now;
        })
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
