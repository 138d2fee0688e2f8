import type { AnswerAck } from '../../../shared/attempt.js';
import { acceptsAnswer, type AttemptState } from '../../../shared/attempt-states.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import { learnerActor, mayReachAttempt, mayReachKept, type LearnerActor } from '../access/access.service.js';
import { forgetStarted, knownStarted, rememberStarted, type StartedAttempt } from './attempts.cache.js';
import * as repo from './attempts.repo.js';
import type { Caller } from './delivery.js';
import { writeAnswer } from './answers.writer.js';
import { answerProblem } from './answer-check.js';

export interface AnswerInput {
  itemId: string;
  /** The chosen choice ids; an empty list clears the answer (the item may stay flagged). */
  choiceIds: string[];
  flagged: boolean;
  /** The page's sequence number for this attempt, raised at every change. */
  seq: number;
}

/** Why an attempt in this state took no answer. */
function refusalOf(state: AttemptState, pausedAt: string | null): DomainError {
  // Still taking answers in the database, so the write was refused for the pause or the deadline (not yet swept).
  if (acceptsAnswer(state)) return new DomainError(pausedAt ? 'attempt_paused' : 'deadline_passed');
  switch (state) {
    case 'authorized':
      return new DomainError('attempt_not_started');
    case 'cancelled':
      return new DomainError('attempt_not_open');
    case 'submitted':
    case 'terminated':
    case 'expired':
      return new DomainError('attempt_ended');
  }
}

/**
 * The started attempt, when the learner may reach it: from memory on the hot path (the access rule applied to
 * the kept owner), else read once by the access check.
 */
async function reachStarted(ctx: AppContext, actor: LearnerActor, attemptId: string): Promise<StartedAttempt> {
  const kept = knownStarted(ctx, attemptId);
  if (kept) {
    mayReachKept(actor, { user_id: kept.userId, service_point_id: kept.servicePointId });
    return kept;
  }
  const row = await mayReachAttempt(ctx, actor, attemptId);
  const started = await rememberStarted(ctx, row);
  if (!started) throw refusalOf(row.state, row.paused_at);
  return started;
}

/**
 * Saves one answer, durably, before acknowledging it (answers.writer.ts: group commit). The attempt must
 * still be in progress and before its deadline; an older sequence number never overwrites a newer answer.
 * A repeat of the saved sequence number with the same answer is acknowledged as a duplicate (a retry); with
 * another answer it is refused as a conflict, with the attempt's last number, so the page sends it again
 * above it; an older one is refused. A refusal changes nothing.
 */
export async function saveAnswer(
  ctx: AppContext,
  attemptId: string,
  caller: Caller,
  input: AnswerInput,
): Promise<AnswerAck> {
  const actor = learnerActor(caller.userId);
  let started = await reachStarted(ctx, actor, attemptId);
  if (caller.workstationId !== started.workstationId) {
    // Kept before a « Déplacer vers un autre poste » (made on another instance): read it again before refusing.
    forgetStarted(ctx, attemptId);
    started = await reachStarted(ctx, actor, attemptId);
  }
  if (caller.workstationId !== started.workstationId)
    throw new DomainError(caller.workstationId ? 'workstation_required' : 'workstation_unregistered');
  const problem = answerProblem(started.choices, input.itemId, input.choiceIds);
  if (problem) throw new DomainError(problem, { field: problem === 'answer_item_unknown' ? 'itemId' : 'choiceIds' });

  const outcome = await writeAnswer(ctx, {
    attemptId,
    itemId: input.itemId,
    response: JSON.stringify(input.choiceIds),
    flagged: input.flagged,
    seq: input.seq,
  });
  switch (outcome.kind) {
    case 'closed': {
      // The state changed since: read it again.
      const row = await mayReachAttempt(ctx, actor, attemptId);
      throw refusalOf(row.state, row.paused_at);
    }
    case 'stale':
      // Nothing changed.
      throw new DomainError('stale_sequence', { field: 'seq', details: { savedSeq: outcome.savedSeq } });
    case 'conflict':
      throw new DomainError('sequence_conflict', {
        field: 'seq',
        details: { savedSeq: outcome.savedSeq, lastSeq: await repo.lastSeq(ctx.db, attemptId) },
      });
    case 'saved':
      ctx.events.publish({
        type: 'attempt.answer_saved',
        servicePointId: started.servicePointId,
        attemptId,
        userId: caller.userId,
        seq: input.seq,
      });
      break;
    case 'duplicate':
      break;
  }
  return { itemId: input.itemId, seq: input.seq, savedAt: outcome.savedAt, duplicate: outcome.kind === 'duplicate' };
}
