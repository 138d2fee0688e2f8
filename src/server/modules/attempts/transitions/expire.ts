import type { AppContext } from '../../../context.js';
import { databaseTrouble } from '../../../db/errors.js';
import * as repo from '../attempts.repo.js';
import { endAttempt } from './end.js';

/**
 * The deadline has passed: in_progress → expired (end.ts), closed by the server even with no browser open,
 * scored on the saved answers, ended AT the deadline (not when the sweep got there: after a restart that may
 * be much later). One sweep takes every attempt in progress past its deadline; safe on several instances at
 * once (the conditional write also requires the deadline to be past).
 */
export async function expireDue(ctx: AppContext, batch = 100): Promise<number> {
  let expired = 0;
  for (const due of await repo.dueForExpiry(ctx.db, ctx.now().toISOString(), batch)) {
    try {
      if (await endAttempt(ctx, due, 'expire', { id: null })) expired++;
    } catch (err) {
      // The database itself is away: the sweep stops here (its job logs that once) and runs again.
      if (databaseTrouble(err)) throw err;
      ctx.log.error({ err, attemptId: due.id }, 'expiry failed; retried at the next sweep');
    }
  }
  return expired;
}
