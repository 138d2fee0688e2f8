import type { AppContext } from '../../../context.js';
import { DomainError } from '../../../errors.js';
import { learnerActor, mayReachAttempt } from '../../access/access.service.js';
import { assertRunningHere, type Caller } from '../delivery.js';
import { endAsRead, type EndOutcome } from './end.js';

/**
 * The learner's « Terminer »: in_progress → submitted (end.ts). Also after the deadline, until the sweep gets
 * there first. A running exam is submitted only from its workstation, and not while paused (« Examen en pause »:
 * as no answer is taken then, no ending either — 409 `submit_paused`); the conditional write checks it again
 * (`markEnded`), so a pause committed between this read and the write still wins.
 */
export async function submitAttempt(ctx: AppContext, attemptId: string, caller: Caller): Promise<EndOutcome> {
  const row = await mayReachAttempt(ctx, learnerActor(caller.userId), attemptId);
  assertRunningHere(row, caller);
  if (row.state === 'in_progress' && row.paused_at) throw new DomainError('submit_paused');
  return endAsRead(ctx, row, 'submit', { id: caller.userId, ip: caller.ip });
}
