import { INITIAL_STATE } from '../../../../shared/attempt-states.js';
import type { AppContext } from '../../../context.js';
import { newId } from '../../../crypto.js';
import { DomainError } from '../../../errors.js';
import * as audit from '../../audit/audit.service.js';
import { setEnrolmentStatus } from '../../catalog/catalog.service.js';
import { localDate } from '../../service-points/service-points.service.js';
import * as repo from '../attempts.repo.js';
import { claimWorkstation } from '../occupancy.js';

/** What « Autoriser l'examen » creates, once the desk has checked its conditions (desk/authorizations.service.ts). */
export interface Authorization {
  learnerId: string;
  enrolmentId: string;
  examId: string;
  examVersionId: string;
  servicePointId: string;
  /** The service point's time zone: the attempt is authorized for today there. */
  timeZone: string;
  workstation: { id: string; name: string };
  operatorId: string;
  ip: string | null;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e.message ?? '')
  );
}

/**
 * A new attempt in the initial state (authorized), for one learner, one exam, one service point and
 * workstation, today; the enrolment moves to « examen autorisé » in the same transaction. One open
 * authorization per learner and exam: the partial unique index settles a race between two operators. One
 * learner per workstation: `claimWorkstation`, in the same transaction, settles theirs.
 */
export async function authorize(ctx: AppContext, a: Authorization): Promise<{ attemptId: string }> {
  const now = ctx.now();
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await claimWorkstation(ctx, trx, a.workstation, a.learnerId);
      await repo.insertAttempt(trx, {
        id,
        user_id: a.learnerId,
        enrolment_id: a.enrolmentId,
        exam_id: a.examId,
        exam_version_id: a.examVersionId,
        service_point_id: a.servicePointId,
        workstation_id: a.workstation.id,
        state: INITIAL_STATE,
        authorized_by: a.operatorId,
        authorized_at: now.toISOString(),
        authorized_for: localDate(now, a.timeZone),
        cancelled_by: null,
        started_at: null,
        deadline_at: null,
        ended_at: null,
        ended_by: null,
        items: null,
        last_heartbeat_at: null,
        paused_at: null,
        paused_ms: 0,
        extra_minutes: 0,
        added_minutes: 0,
        moved_at: null,
        score_points: null,
        max_points: null,
        percentage: null,
        outcome: null,
      });
      await setEnrolmentStatus(ctx, trx, a.enrolmentId, 'exam_authorized');
      await audit.record(ctx, trx, {
        action: 'exam.authorized',
        actorId: a.operatorId,
        subjectUserId: a.learnerId,
        servicePointId: a.servicePointId,
        ip: a.ip,
        payload: { attemptId: id, examId: a.examId, workstationId: a.workstation.id },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('already_authorized');
    throw err;
  }
  ctx.events.publish({
    type: 'attempt.authorized',
    servicePointId: a.servicePointId,
    attemptId: id,
    userId: a.learnerId,
  });
  return { attemptId: id };
}
