import type { AppContext } from '../../context.js';
import type { AttemptSignal } from '../../../shared/live.js';
import { learnerActor, mayReachAttempt } from '../access/access.service.js';

/** What the learner's page must know of its attempt now; someone else's attempt does not exist (404). */
export async function attemptSignal(ctx: AppContext, attemptId: string, userId: string): Promise<AttemptSignal> {
  const row = await mayReachAttempt(ctx, learnerActor(userId), attemptId);
  return {
    state: row.state,
    deadlineAt: row.deadline_at,
    pausedAt: row.state === 'in_progress' ? row.paused_at : null,
    workstation: { name: row.workstation_name, servicePointName: row.service_point_name },
    serverNow: ctx.now().toISOString(),
  };
}
