import type { AppContext } from '../../context.js';
import { notFound } from '../../errors.js';
import type { AttemptSignal } from '../../../shared/live.js';
import * as repo from './attempts.repo.js';

/** What the learner's page must know of its attempt now; someone else's attempt does not exist. */
export async function attemptSignal(ctx: AppContext, attemptId: string, userId: string): Promise<AttemptSignal> {
  const view = await repo.findState(ctx.db, attemptId);
  if (!view || view.user_id !== userId) throw notFound();
  return { state: view.state, deadlineAt: view.deadline_at, serverNow: ctx.now().toISOString() };
}
