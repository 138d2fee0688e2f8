import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import type { DeskActor } from './identity.service.js';
import * as repo from './identity.repo.js';
import type { DocumentType } from './rules.js';

/**
 * « Ce numéro a-t-il servi pour un autre apprenant ? » looks across every service point: an operator could use
 * it to learn whether a health number belongs to someone anywhere. Every such look-up is audited (who, where,
 * the answer — never the number), and an operator gets a bounded number per hour: a busy desk confirms a
 * learner with one to three look-ups (the first try, then again with the warnings acknowledged).
 */
export const DUPLICATE_CHECKS_PER_HOUR = 40;
const HOUR = 3_600_000;

/** Per operator, the times of their recent look-ups (this instance's; each instance keeps its own). */
const recent = new Map<string, number[]>();

function take(operatorId: string, now: number): boolean {
  const times = (recent.get(operatorId) ?? []).filter((t) => t > now - HOUR);
  if (times.length >= DUPLICATE_CHECKS_PER_HOUR) {
    recent.set(operatorId, times);
    return false;
  }
  times.push(now);
  recent.set(operatorId, times);
  // Forget operators idle for an hour, so the map stays as small as the set of active operators.
  if (recent.size > 1000) for (const [k, v] of recent) if (v.every((t) => t <= now - HOUR)) recent.delete(k);
  return true;
}

/** Whether another learner's identity was confirmed with this keyed hash; audited, limited per operator. */
export async function numberUsedElsewhere(
  ctx: AppContext,
  actor: DeskActor,
  learnerId: string,
  documentType: DocumentType,
  hmac: string,
): Promise<boolean> {
  if (!take(actor.operatorId, ctx.now().getTime())) throw new DomainError('rate_limited');
  const found = await repo.usedByOtherLearner(ctx.db, learnerId, hmac);
  await audit.recordAlone(ctx, {
    action: 'identity.duplicate_checked',
    actorId: actor.operatorId,
    subjectUserId: learnerId,
    servicePointId: actor.servicePointId,
    ip: actor.ip,
    payload: { documentType, found },
  });
  return found;
}
