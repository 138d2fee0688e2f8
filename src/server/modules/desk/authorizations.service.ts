import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import { authorize } from '../attempts/transitions/authorize.js';
import { retakeRules } from '../catalog/retake-rules.js';
import * as servicePoints from '../service-points/service-points.service.js';
import * as repo from './desk.repo.js';
import { readiness } from './desk.service.js';
import { retakeRefusal } from './retakes.js';

/*
 * The desk's side of authorizing and cancelling: what must be true at the desk before « Autoriser l'examen »
 * (a workstation of this service point, an enrolment in process, identity confirmed today, the photo saved).
 * The transitions themselves are the attempts module's (attempts/transitions/).
 */

export { cancelAuthorization } from '../attempts/transitions/cancel.js';

export interface AuthorizeInput {
  learnerId: string;
  examId: string;
  workstationId: string;
  servicePointId: string;
  operatorId: string;
  ip: string | null;
}

/**
 * A retake: after « Échec » (a failed score, an exam ended by the operator or expired that did not pass), a new
 * attempt when the training's retake rules allow it; the refusal names the rule and, for a wait, until when.
 */
async function assertRetakeAllowed(ctx: AppContext, learnerId: string, examId: string, trainingId: string) {
  const [rules, history] = await Promise.all([
    retakeRules(ctx, trainingId),
    repo.endedAttemptsOf(ctx.db, learnerId, examId),
  ]);
  const refusal = retakeRefusal(rules, history, ctx.now());
  if (!refusal) return;
  if (refusal.rule === 'max_attempts')
    throw new DomainError('retake_limit', {
      field: 'examId',
      details: refusal,
      params: { max: refusal.maxAttempts, attempts: refusal.attempts },
    });
  throw new DomainError('retake_wait', {
    field: 'examId',
    details: refusal,
    params: { days: refusal.waitDays, until: refusal.until.slice(0, 10) },
  });
}

/**
 * « Autoriser l'examen »: one learner, one exam, this service point, one of its workstations, today.
 * Refused while identity is not confirmed or the photo not saved, or on a workstation another learner holds
 * (checked in the authorizing transaction: attempts/occupancy.ts).
 */
export async function authorizeExam(ctx: AppContext, input: AuthorizeInput) {
  const sp = await servicePoints.servicePoint(ctx, input.servicePointId);
  servicePoints.assertOpen(sp);
  const ws = await repo.workstationAt(ctx.db, input.workstationId, input.servicePointId);
  if (!ws) throw new DomainError('not_found', { field: 'workstationId' });
  const enrolment = (await repo.enrolmentsAt(ctx.db, input.learnerId, input.servicePointId)).find(
    (e) => e.exam_id === input.examId,
  );
  if (!enrolment || !enrolment.version_id) throw new DomainError('not_enrolled', { field: 'examId' });
  if (enrolment.status === 'failed')
    await assertRetakeAllowed(ctx, input.learnerId, input.examId, enrolment.training_id);
  else if (!repo.OPEN_ENROLMENT.includes(enrolment.status)) throw new DomainError('not_enrolled', { field: 'examId' });
  const ready = await readiness(ctx, input.learnerId, input.servicePointId);
  if (!ready.identityConfirmed) throw new DomainError('identity_missing');
  if (!ready.photoSaved) throw new DomainError('photo_missing');
  return authorize(ctx, {
    learnerId: input.learnerId,
    enrolmentId: enrolment.id,
    examId: input.examId,
    examVersionId: enrolment.version_id,
    servicePointId: input.servicePointId,
    timeZone: sp.time_zone,
    workstation: ws,
    operatorId: input.operatorId,
    ip: input.ip,
  });
}
