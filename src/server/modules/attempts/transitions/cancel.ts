import { allows } from '../../../../shared/attempt-states.js';
import type { AppContext } from '../../../context.js';
import { DomainError } from '../../../errors.js';
import * as audit from '../../audit/audit.service.js';
import { setEnrolmentStatus } from '../../catalog/catalog.service.js';
import { mayReachAttempt, operatorAt } from '../../access/access.service.js';
import * as repo from '../attempts.repo.js';

/**
 * authorized → cancelled, the one transaction of both ways there: the operator's « Annuler l'accès à
 * l'examen » (below) and the day's lapse (lapse.ts, no operator). The conditional write, the enrolment back
 * to « en formation », the audit row; the event once committed. False when the attempt was no longer
 * authorized (« Commencer » or another cancellation came first): nothing changed.
 */
export async function cancelAuthorized(
  ctx: AppContext,
  attempt: { id: string; servicePointId: string },
  by: { operatorId: string; ip: string | null } | 'lapsed',
): Promise<boolean> {
  const operatorId = by === 'lapsed' ? null : by.operatorId;
  const cancelled = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.markCancelled(trx, attempt.id, operatorId, ctx.now().toISOString());
    if (!row) return null;
    await setEnrolmentStatus(ctx, trx, row.enrolment_id, 'in_training');
    await audit.record(ctx, trx, {
      action: 'exam.cancelled',
      actorId: operatorId,
      subjectUserId: row.user_id,
      servicePointId: attempt.servicePointId,
      ip: by === 'lapsed' ? null : by.ip,
      payload: by === 'lapsed' ? { attemptId: attempt.id, reason: 'lapsed' } : { attemptId: attempt.id },
    });
    return row;
  });
  if (!cancelled) return false;
  ctx.events.publish({
    type: 'attempt.cancelled',
    servicePointId: attempt.servicePointId,
    attemptId: attempt.id,
    userId: cancelled.user_id,
  });
  return true;
}

/** « Annuler l'accès à l'examen »: only while the learner has not pressed « Commencer ». */
export async function cancelAuthorization(
  ctx: AppContext,
  attemptId: string,
  servicePointId: string,
  operatorId: string,
  ip: string | null,
): Promise<void> {
  const row = await mayReachAttempt(ctx, operatorAt(servicePointId), attemptId);
  if (!allows('cancel', row.state)) throw new DomainError('attempt_not_cancellable');
  if (!(await cancelAuthorized(ctx, { id: attemptId, servicePointId }, { operatorId, ip })))
    throw new DomainError('attempt_not_cancellable');
}
