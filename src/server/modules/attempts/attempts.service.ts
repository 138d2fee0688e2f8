import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { AttemptDelivery, AttemptResult, HeartbeatReply, SavedAnswer } from '../../../shared/attempt.js';
import { learnerActor, mayReachAttempt } from '../access/access.service.js';
import { rememberAuthorized } from './attempts.cache.js';
import { resumeMovedOnOpen } from './clock.service.js';
import * as repo from './attempts.repo.js';
import { writeHeartbeat } from './heartbeats.writer.js';
import { assertFromItsWorkstation, assertRunningHere, deliveryOf, type Caller } from './delivery.js';

/**
 * The learner's side of an attempt that is no transition: opening it at the workstation, the heartbeat.
 * The transitions (« Commencer », « Terminer », …) are in transitions/, one file each; saving answers is in
 * answers.service.ts.
 */

export type { AttemptDelivery, AttemptResult, Caller, SavedAnswer };
export { startAttempt } from './transitions/start.js';

/** GET: the intro before « Commencer », the questions and saved answers while running, the result after. */
export async function openAttempt(ctx: AppContext, attemptId: string, caller: Caller): Promise<AttemptDelivery> {
  let row = await mayReachAttempt(ctx, learnerActor(caller.userId), attemptId);
  assertFromItsWorkstation(ctx, row, caller);
  // Moved here by the operator (« Déplacer vers un autre poste »): opening it on this workstation resumes it.
  if (await resumeMovedOnOpen(ctx, row)) row = await mayReachAttempt(ctx, learnerActor(caller.userId), attemptId);
  rememberAuthorized(ctx, row);
  return deliveryOf(ctx, row);
}

/** The page's heartbeat: proves the workstation is alive and tells it the server's time and the state. */
export async function heartbeat(ctx: AppContext, attemptId: string, caller: Caller): Promise<HeartbeatReply> {
  const row = await mayReachAttempt(ctx, learnerActor(caller.userId), attemptId);
  assertRunningHere(row, caller);
  const now = ctx.now().toISOString();
  const alive =
    row.state === 'in_progress' && (await writeHeartbeat(ctx, { attemptId, userId: caller.userId, at: now }));
  if (alive)
    ctx.events.publish({
      type: 'attempt.heartbeat',
      servicePointId: row.service_point_id,
      attemptId,
      userId: caller.userId,
    });
  return {
    state: alive ? 'in_progress' : row.state,
    serverNow: now,
    deadlineAt: row.deadline_at,
    pausedAt: alive ? row.paused_at : null,
  };
}

/** Writes an attempt that already ended, with its answers, in the caller's transaction (the demo's history). */
export async function recordPastAttempt(
  trx: Transaction<Database>,
  attempt: Database['attempts'],
  answers: Database['answers'][],
): Promise<void> {
  await repo.insertEndedAttempt(trx, attempt, answers);
}
