import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import { DomainError, notFound } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import { setEnrolmentStatus } from '../catalog/catalog.service.js';
import { localDate } from '../service-points/service-points.service.js';
import * as servicePoints from '../service-points/service-points.service.js';
import * as repo from './desk.repo.js';
import { readiness } from './desk.service.js';
import { assertWorkstationFree } from './workstation-occupancy.js';

export interface AuthorizeInput {
  learnerId: string;
  examId: string;
  workstationId: string;
  servicePointId: string;
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
 * « Autoriser l'examen »: one learner, one exam, this service point, one of its workstations, today.
 * Refused while identity is not confirmed or the photo not saved. One open authorization per learner
 * and exam: the partial unique index settles a race between two operators.
 */
export async function authorizeExam(ctx: AppContext, input: AuthorizeInput) {
  const sp = await servicePoints.servicePoint(ctx, input.servicePointId);
  const ws = await repo.workstationAt(ctx.db, input.workstationId, input.servicePointId);
  if (!ws) throw new DomainError('not_found', { field: 'workstationId' });
  const enrolment = (await repo.enrolmentsAt(ctx.db, input.learnerId, input.servicePointId)).find(
    (e) => e.exam_id === input.examId,
  );
  if (!enrolment || !enrolment.version_id) throw new DomainError('not_enrolled', { field: 'examId' });
  if (!repo.OPEN_ENROLMENT.includes(enrolment.status)) throw new DomainError('not_enrolled', { field: 'examId' });
  const ready = await readiness(ctx, input.learnerId, input.servicePointId);
  if (!ready.identityConfirmed) throw new DomainError('identity_missing');
  if (!ready.photoSaved) throw new DomainError('photo_missing');
  await assertWorkstationFree(ctx, ws, input.servicePointId, input.learnerId);

  const now = ctx.now();
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertAttempt(trx, {
        id,
        user_id: input.learnerId,
        enrolment_id: enrolment.id,
        exam_id: input.examId,
        exam_version_id: enrolment.version_id!,
        service_point_id: input.servicePointId,
        workstation_id: ws.id,
        state: 'authorized',
        authorized_by: input.operatorId,
        authorized_at: now.toISOString(),
        authorized_for: localDate(now, sp.time_zone),
        cancelled_by: null,
        started_at: null,
        deadline_at: null,
        ended_at: null,
        ended_by: null,
        items: null,
        last_heartbeat_at: null,
        score_points: null,
        max_points: null,
        percentage: null,
        outcome: null,
      });
      await setEnrolmentStatus(ctx, trx, enrolment.id, 'exam_authorized');
      await audit.record(ctx, trx, {
        action: 'exam.authorized',
        actorId: input.operatorId,
        subjectUserId: input.learnerId,
        servicePointId: input.servicePointId,
        ip: input.ip,
        payload: { attemptId: id, examId: input.examId, workstationId: ws.id },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('already_authorized');
    throw err;
  }
  ctx.events.publish({
    type: 'attempt.authorized',
    servicePointId: input.servicePointId,
    attemptId: id,
    userId: input.learnerId,
  });
  return { attemptId: id };
}

/** « Annuler l'accès à l'examen »: only while the learner has not pressed « Commencer ». */
export async function cancelAuthorization(
  ctx: AppContext,
  attemptId: string,
  servicePointId: string,
  operatorId: string,
  ip: string | null,
) {
  const now = ctx.now().toISOString();
  const cancelled = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.cancelIfAuthorized(trx, attemptId, servicePointId, operatorId, now);
    if (!row) return null;
    await setEnrolmentStatus(ctx, trx, row.enrolment_id, 'in_training');
    await audit.record(ctx, trx, {
      action: 'exam.cancelled',
      actorId: operatorId,
      subjectUserId: row.user_id,
      servicePointId,
      ip,
      payload: { attemptId },
    });
    return row;
  });
  if (!cancelled) {
    const existing = await repo.attemptAt(ctx.db, attemptId, servicePointId);
    if (!existing) throw notFound();
    throw new DomainError('attempt_not_cancellable');
  }
  ctx.events.publish({ type: 'attempt.cancelled', servicePointId, attemptId, userId: cancelled.user_id });
}

/**
 * The service point's day closes: authorizations from an earlier day that never started lapse
 * (authorized → cancelled, no operator). Safe on several instances: each is a conditional write.
 */
export async function lapseStaleAuthorizations(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  // No place on Earth is later than UTC+14: an authorization for a day before that date there is a candidate;
  // each is then compared with the date at its own service point.
  let lapsed = 0;
  for (const c of await repo.staleAuthorizations(ctx.db, localDate(now, 'Pacific/Kiritimati'))) {
    if (c.authorized_for >= localDate(now, c.time_zone)) continue;
    const done = await ctx.db.transaction().execute(async (trx) => {
      const row = await repo.cancelIfAuthorized(trx, c.id, c.service_point_id, null, now.toISOString());
      if (!row) return null;
      await setEnrolmentStatus(ctx, trx, row.enrolment_id, 'in_training');
      await audit.record(ctx, trx, {
        action: 'exam.cancelled',
        actorId: null,
        subjectUserId: row.user_id,
        servicePointId: c.service_point_id,
        payload: { attemptId: c.id, reason: 'lapsed' },
      });
      return row;
    });
    if (done) {
      lapsed++;
      ctx.events.publish({
        type: 'attempt.cancelled',
        servicePointId: c.service_point_id,
        attemptId: c.id,
        userId: done.user_id,
      });
    }
  }
  return lapsed;
}
