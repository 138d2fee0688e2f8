import type { AppContext } from '../../../context.js';
import { localDate } from '../../service-points/service-points.service.js';
import * as repo from '../attempts.repo.js';
import { cancelAuthorized } from './cancel.js';

/**
 * The service point's day closes: authorizations from an earlier day that never started lapse
 * (authorized → cancelled, no operator: cancel.ts's transaction). Safe on several instances: each is a
 * conditional write. Returns how many lapsed.
 */
export async function lapseStaleAuthorizations(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  // No place on Earth is later than UTC+14: an authorization for a day before that date there is a candidate;
  // each is then compared with the date at its own service point.
  let lapsed = 0;
  for (const c of await repo.staleAuthorizations(ctx.db, localDate(now, 'Pacific/Kiritimati'))) {
    if (c.authorized_for >= localDate(now, c.time_zone)) continue;
    if (await cancelAuthorized(ctx, { id: c.id, servicePointId: c.service_point_id }, 'lapsed')) lapsed++;
  }
  return lapsed;
}
