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

/**
 * The page's heartbeat: proves the workstation is alive and tells it the server's time and the state. The
 * common case, an attempt in progress beating from its workstation, is one conditional write that reads back what
 * the reply needs (no read of the attempt before it: 2,000 learners beat 133 times a second); anything else reads
 * the attempt and answers as before — not found, the wrong workstation, or the state it is in.
 */
export async function heartbeat(ctx: AppContext, attemptId: string, caller: Caller): Promise<HeartbeatReply> {
  const now = ctx.now().toISOString();
  const beaten = caller.workstationId
    ? await writeHeartbeat(ctx, { id: attemptId, userId: caller.userId, workstationId: caller.workstationId, at: now })
    : null;
  if (beaten) {
    ctx.events.publish({
      type: 'attempt.heartbeat',
      servicePointId: beaten.service_point_id,
      attemptId,
      userId: caller.userId,
      at: now,
    });
    return { state: 'in_progress', serverNow: now, deadlineAt: beaten.deadline_at, pausedAt: beaten.paused_at };
  }
  const row = await mayReachAttempt(ctx, learnerActor(caller.userId), attemptId);
  assertRunningHere(row, caller);
  // In progress here means it was not when written: it has just started (a beat racing « Commencer ») — the next beat
  // marks it; the page is told the state read.
  return { state: row.state, serverNow: now, deadlineAt: row.deadline_at, pausedAt: null };
}

/** Writes an attempt that already ended, with its answers, in the caller's transaction (the demo's history). */
export async function recordPastAttempt(
  trx: Transaction<Database>,
  attempt: Database['attempts'],
  answers: Database['answers'][],
): Promise<void> {
  await repo.insertEndedAttempt(trx, attempt, answers);
}
