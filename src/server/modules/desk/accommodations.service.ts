import type { AccommodationView } from '../../../shared/api/desk.js';
import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import { DomainError, notFound } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import { localDate, servicePoint } from '../service-points/service-points.service.js';
import * as repo from './accommodations.repo.js';

/*
 * « Mesures d'adaptation » on the learner's file: extra time (+25 %, +50 % of the exam's duration, or a number
 * of minutes) or a separate room, with a reason, who granted it and the last day it holds. They hold at every
 * service point (the learner's right, not the point's). The extra time is applied at « Commencer » by attempts
 * (transitions/start.ts reads this table; the arithmetic is attempts/clock.ts); a separate room is shown at
 * « Autoriser l'examen » and on the live row. Revoked, never deleted.
 */

export interface GrantInput {
  learnerId: string;
  servicePointId: string;
  operatorId: string;
  ip: string | null;
  kind: AccommodationView['kind'];
  minutes?: number | undefined;
  reason: string;
  grantedBy: string;
  validUntil: string;
}

const invalid = (field: string) => new DomainError('validation', { field, params: { field } });

function nameOf(first: string | null, last: string | null): string {
  return [first, last].filter(Boolean).join(' ');
}

export function accommodationView(r: repo.AccommodationRecord, today: string): AccommodationView {
  return {
    id: r.id,
    kind: r.kind,
    minutes: r.minutes === null ? null : Number(r.minutes),
    reason: r.reason,
    grantedBy: r.granted_by,
    validUntil: r.valid_until,
    createdAt: r.created_at,
    createdBy: nameOf(r.by_first_name, r.by_last_name),
    revokedAt: r.revoked_at,
    active: !r.revoked_at && r.valid_until >= today,
  };
}

/** The learner's accommodations, newest first; `active` as of `today` (the service point's day). */
export async function accommodationsOf(ctx: AppContext, learnerId: string, today: string) {
  return (await repo.accommodationsOf(ctx.db, learnerId)).map((r) => accommodationView(r, today));
}

/** « Ajouter une mesure »: minutes only for « Nombre de minutes »; valid until today or later. Audited. */
export async function grantAccommodation(ctx: AppContext, input: GrantInput): Promise<AccommodationView> {
  const minutes = input.kind === 'extra_minutes' ? input.minutes : null;
  if (minutes === undefined) throw invalid('minutes');
  const sp = await servicePoint(ctx, input.servicePointId);
  const today = localDate(ctx.now(), sp.time_zone);
  if (input.validUntil < today) throw invalid('validUntil');
  const id = newId();
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertAccommodation(trx, {
      id,
      learner_id: input.learnerId,
      service_point_id: input.servicePointId,
      kind: input.kind,
      minutes,
      reason: input.reason,
      granted_by: input.grantedBy,
      valid_until: input.validUntil,
      created_by: input.operatorId,
      created_at: now,
      revoked_at: null,
      revoked_by: null,
    });
    // The reason may be a health matter: the file keeps it, the audit names the measure only.
    await audit.record(ctx, trx, {
      action: 'accommodation.granted',
      actorId: input.operatorId,
      subjectUserId: input.learnerId,
      servicePointId: input.servicePointId,
      ip: input.ip,
      payload: { accommodationId: id, kind: input.kind, minutes, validUntil: input.validUntil },
    });
  });
  const created = (await repo.accommodationsOf(ctx.db, input.learnerId)).find((r) => r.id === id)!;
  return accommodationView(created, today);
}

/** « Révoquer »: a measure still in force stops holding now (an attempt already started keeps its deadline). */
export async function revokeAccommodation(
  ctx: AppContext,
  input: { learnerId: string; accommodationId: string; servicePointId: string; operatorId: string; ip: string | null },
) {
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const done = await repo.revokeAccommodation(trx, input.accommodationId, input.learnerId, {
      revokedAt: now,
      revokedBy: input.operatorId,
    });
    if (!done) throw notFound();
    await audit.record(ctx, trx, {
      action: 'accommodation.revoked',
      actorId: input.operatorId,
      subjectUserId: input.learnerId,
      servicePointId: input.servicePointId,
      ip: input.ip,
      payload: { accommodationId: input.accommodationId },
    });
  });
}
