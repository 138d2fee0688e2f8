import { CommittedHooks } from '../../hooks.js';

/** What other modules may react to in the service points' life; registered in src/server/wiring.ts. */
export interface ServicePointsHooks {
  /** A user's operator or manager role was granted or removed (committed): what they may reach changed. */
  operatorChanged: CommittedHooks<{ userId: string }>;
}

export const servicePointsHooks = (): ServicePointsHooks => ({ operatorChanged: new CommittedHooks() });
