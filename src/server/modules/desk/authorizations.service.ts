import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import { authorize } from '../attempts/transitions/authorize.js';
import * as servicePoints from '../service-points/service-points.service.js';
import * as repo from './desk.repo.js';
import { readiness } from './desk.service.js';
import { assertWorkstationFree } from './workstation-occupancy.js';

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
 * « Autoriser l'examen »: one learner, one exam, this service point, one of its workstations, today.
 * Refused while identity is not confirmed or the photo not saved.
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
  if (!repo.OPEN_ENROLMENT.includes(enrolment.status)) throw new DomainError('not_enrolled', { field: 'examId' });
  const ready = await readiness(ctx, input.learnerId, input.servicePointId);
  if (!ready.identityConfirmed) throw new DomainError('identity_missing');
  if (!ready.photoSaved) throw new DomainError('photo_missing');
  await assertWorkstationFree(ctx, ws, input.servicePointId, input.learnerId);
  return authorize(ctx, {
    learnerId: input.learnerId,
    enrolmentId: enrolment.id,
    examId: input.examId,
    examVersionId: enrolment.version_id,
    servicePointId: input.servicePointId,
    timeZone: sp.time_zone,
    workstationId: ws.id,
    operatorId: input.operatorId,
    ip: input.ip,
  });
}
