import type { AppContext } from '../../context.js';

/** How often a learner may take a training's exam again after a failure, and how long they wait between. */
export interface RetakeRules {
  /** Attempts that ended (passed, failed, ended by the operator, expired) the learner may have in all. */
  maxAttempts: number;
  /** Whole days between the end of one attempt and the next authorization (0: the same day). */
  waitDays: number;
}

/** Until the administration sets them per training (issue 17): three attempts, no wait. */
const DEFAULT_RULES: RetakeRules = { maxAttempts: 3, waitDays: 0 };

/**
 * The training's retake rules. One function, so the training's own columns replace the default here alone
 * once the administration issue adds them.
 */
export async function retakeRules(_ctx: AppContext, _trainingId: string): Promise<RetakeRules> {
  return DEFAULT_RULES;
}
