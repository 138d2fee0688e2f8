import type { AnswerAck } from '../../../shared/attempt.js';
import { acceptsAnswer } from '../../../shared/attempt-states.js';
import type { AppContext } from '../../context.js';
import { DomainError, notFound } from '../../errors.js';
import { startedAttempt } from './attempts.cache.js';
import * as repo from './attempts.repo.js';
import type { Caller } from './attempts.service.js';
import { writeAnswer } from './answers.writer.js';
import { answerProblem } from './paper.js';

export interface AnswerInput {
  itemId: string;
  /** The chosen choice ids; an empty list clears the answer (the item may stay flagged). */
  choiceIds: string[];
  flagged: boolean;
  /** The page's sequence number for this attempt, raised at every change. */
  seq: number;
}

/** Why an attempt that has not started, or is over, takes no answer. */
async function refusalFor(ctx: AppContext, attemptId: string, caller: Caller): Promise<DomainError> {
  const s = await repo.findState(ctx.db, attemptId);
  if (!s || s.user_id !== caller.userId) return new DomainError('not_found');
  // Still taking answers in the database, so the write was refused for the deadline (not yet swept).
  if (acceptsAnswer(s.state)) return new DomainError('deadline_passed');
  switch (s.state) {
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
  const started = await startedAttempt(ctx, attemptId);
  if (!started) throw await refusalFor(ctx, attemptId, caller);
  if (started.userId !== caller.userId) throw notFound();
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
    case 'closed':
      throw await refusalFor(ctx, attemptId, caller);
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
