import type { AppContext } from '../../context.js';
import * as audit from '../audit/audit.service.js';
import { forgetStarted } from './attempts.cache.js';
import * as repo from './attempts.repo.js';

/**
 * Time the whole service was down, given back to the learners whose exam says so.
 *
 * By default the deadline is the deadline: an exam's countdown runs on the server's clock, and time
 * the service was down counts against the learner (a learner whose deadline passed meanwhile is ended at
 * that deadline, scored on the answers saved before). An exam with `downtime_credit` gives it back: when
 * an instance starts after every instance was silent for longer than `SILENCE_MS` (the latest heartbeat of
 * any other instance says since when), each attempt of such an exam still in progress gets the time its
 * countdown ran during the silence — its new deadline is now plus what it had left when the service went
 * down. Each move is audited (`attempt.downtime_credited`) in the same transaction.
 */
export const SILENCE_MS = 30_000;

export interface Downtime {
  from: string;
  to: string;
}

/** Gives the downtime back; returns how many attempts got it. Idempotent per deadline (conditional write). */
export async function creditDowntime(ctx: AppContext, downtime: Downtime): Promise<number> {
  const from = Date.parse(downtime.from);
  const to = Date.parse(downtime.to);
  let credited = 0;
  for (const a of await repo.inProgressWithDowntimeCredit(ctx.db, downtime.from)) {
    if (!a.deadline_at || !a.started_at) continue;
    const lostFrom = Math.max(from, Date.parse(a.started_at));
    const left = Date.parse(a.deadline_at) - lostFrom;
    if (left <= 0 || lostFrom >= to) continue;
    const newDeadline = new Date(to + left).toISOString();
    const moved = await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.moveDeadline(trx, a.id, a.deadline_at!, newDeadline))) return false;
      await audit.record(ctx, trx, {
        action: 'attempt.downtime_credited',
        actorId: null,
        subjectUserId: a.user_id,
        servicePointId: a.service_point_id,
        ip: null,
        payload: {
          attemptId: a.id,
          downFrom: downtime.from,
          downTo: downtime.to,
          deadlineBefore: a.deadline_at!,
          deadlineAfter: newDeadline,
        },
      });
      return true;
    });
    if (moved) {
      forgetStarted(ctx, a.id);
      credited++;
    }
  }
  return credited;
}
