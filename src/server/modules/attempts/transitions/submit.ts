import type { AppContext } from '../../../context.js';
import { learnerActor, mayReachAttempt } from '../../access/access.service.js';
import { assertRunningHere, type Caller } from '../delivery.js';
import { endAsRead, type EndOutcome } from './end.js';

/**
 * The learner's « Terminer »: in_progress → submitted (end.ts). Also after the deadline, until the sweep gets
 * there first. A running exam is submitted only from its workstation.
 */
export async function submitAttempt(ctx: AppContext, attemptId: string, caller: Caller): Promise<EndOutcome> {
  const row = await mayReachAttempt(ctx, learnerActor(caller.userId), attemptId);
  assertRunningHere(row, caller);
  return endAsRead(ctx, row, 'submit', { id: caller.userId, ip: caller.ip });
}
