import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import * as audit from '../audit/audit.service.js';
import { forgetStarted } from './attempts.cache.js';
import { creditedDeadline } from './clock.js';
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

/**
 * Gives the downtime back, inside `trx` (the start-up's: see jobs.ts, which holds the heartbeats' lock so
 * that two instances starting together give it once); returns the attempts whose deadline moved (their
 * cached facts are forgotten by the caller after the commit).
 */
export async function creditDowntime(
  ctx: AppContext,
  trx: Transaction<Database>,
  downtime: Downtime,
): Promise<string[]> {
  const moved: string[] = [];
  for (const a of await repo.inProgressWithDowntimeCredit(trx, downtime.from)) {
    if (!a.deadline_at || !a.started_at) continue;
    // A paused attempt's clock stood still while down: its « Reprendre » gives that time back, once.
    const newDeadline = creditedDeadline(
      { startedAt: a.started_at, deadlineAt: a.deadline_at, pausedAt: a.paused_at },
      downtime,
    );
    if (!newDeadline) continue;
    if (!(await repo.moveDeadline(trx, a.id, a.deadline_at, newDeadline))) continue;
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
        deadlineBefore: a.deadline_at,
        deadlineAfter: newDeadline,
      },
    });
    moved.push(a.id);
  }
  return moved;
}

/** Forgets the cached facts of attempts whose deadline moved (after the commit). */
export function forgetMoved(ctx: AppContext, attemptIds: string[]) {
  for (const id of attemptIds) forgetStarted(ctx, id);
}
