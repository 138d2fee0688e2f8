import type { AppContext } from '../../context.js';
import { trainingRetakeRules } from './catalog.repo.js';

/** How often a learner may take a training's exam again after a failure, and how long they wait between. */
export interface RetakeRules {
  /** Attempts that ended (passed, failed, ended by the operator, expired) the learner may have in all. */
  maxAttempts: number;
  /** Whole days between the end of one attempt and the next authorization (0: the same day). */
  waitDays: number;
}

/** What a training without its own rules would have (the columns' defaults, migration 0040). */
const DEFAULT_RULES: RetakeRules = { maxAttempts: 3, waitDays: 0 };

/** The training's retake rules: its own columns, set by the administration in « Formations ». */
export async function retakeRules(ctx: AppContext, trainingId: string): Promise<RetakeRules> {
  const row = await trainingRetakeRules(ctx.db, trainingId);
  if (!row) return DEFAULT_RULES;
  return { maxAttempts: Number(row.max_attempts), waitDays: Number(row.retake_wait_days) };
}
