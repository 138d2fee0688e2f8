import type { Job } from '../../jobs.js';
import { expireDue } from './transitions/expire.js';
import { lapseStaleAuthorizations } from './transitions/lapse.js';

/**
 * Closes every attempt in progress past its deadline, even with no browser open. Every instance runs it;
 * each closing is a conditional write, so two instances sweeping at once close an attempt only once.
 */
export const expiryJob: Job = {
  name: 'attempts.expiry',
  everyMs: 1000,
  run: async (ctx) => {
    await expireDue(ctx);
  },
};

/** Authorizations from an earlier day that never started lapse (authorized → cancelled). */
export const lapseJob: Job = {
  name: 'lapse-stale-authorizations',
  everyMs: 60_000,
  run: async (ctx) => {
    await lapseStaleAuthorizations(ctx);
  },
};
