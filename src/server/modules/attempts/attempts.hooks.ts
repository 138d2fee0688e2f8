import { TxHooks } from '../../hooks.js';
import type { EndedAttempt } from './transitions/end.js';

/** What other modules may react to in an attempt's life; registered in src/server/wiring.ts. */
export interface AttemptsHooks {
  /**
   * An attempt has ended (submitted, terminated or expired): run inside the ending's transaction, after the
   * score is stored. A hook that throws rolls the ending back; it is retried by the learner, the operator or
   * the next expiry sweep.
   */
  attemptEnded: TxHooks<EndedAttempt>;
}

export const attemptsHooks = (): AttemptsHooks => ({ attemptEnded: new TxHooks() });
