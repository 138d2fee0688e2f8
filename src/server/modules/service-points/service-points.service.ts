import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import { DomainError, notFound } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import * as repo from './service-points.repo.js';

export const DEFAULT_TIME_ZONE = 'America/Toronto';

export async function createServicePoint(
  ctx: AppContext,
  input: { name: string; address: string; timeZone?: string; workstations: number },
) {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('fr-CA', { timeZone });
  } catch {
    throw new DomainError('validation', { field: 'timeZone', params: { field: 'timeZone' } });
  }
  if (await repo.findServicePointByName(ctx.db, input.name)) throw new DomainError('conflict', { field: 'name' });
  const id = newId();
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertServicePoint(trx, {
      id,
      name: input.name,
      address: input.address,
      time_zone: timeZone,
      created_at: now,
    });
    for (let i = 1; i <= input.workstations; i++) {
      await repo.insertWorkstation(trx, { id: newId(), service_point_id: id, name: `Poste ${i}`, created_at: now });
    }
  });
  return id;
}

export async function servicePointByName(ctx: AppContext, name: string) {
  return repo.findServicePointByName(ctx.db, name);
}

export async function servicePoint(ctx: AppContext, id: string) {
  const sp = await repo.findServicePoint(ctx.db, id);
  if (!sp) throw notFound();
  return sp;
}

export async function workstationsOf(ctx: AppContext, servicePointId: string) {
  return repo.workstationsOf(ctx.db, servicePointId);
}

export async function isOperatorOf(ctx: AppContext, userId: string, servicePointId: string) {
  return repo.isOperatorOf(ctx.db, userId, servicePointId);
}

export async function grantOperator(ctx: AppContext, actorId: string | null, userId: string, servicePointId: string) {
  await servicePoint(ctx, servicePointId);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.grantOperator(trx, userId, servicePointId, ctx.now().toISOString());
    await audit.record(ctx, trx, {
      action: 'role.operator_granted',
      actorId,
      subjectUserId: userId,
      servicePointId,
      payload: { servicePointId },
    });
  });
  ctx.hooks.operatorChanged.run(ctx, { userId });
}

/** The workstation this browser is registered as, for the session (sign-in hides « Se souvenir de moi »). */
export async function registeredWorkstation(ctx: AppContext, workstationId: string | null) {
  if (!workstationId) return null;
  const ws = await repo.findWorkstationWithPoint(ctx.db, workstationId);
  return ws ? { id: ws.id, name: ws.name, servicePointName: ws.service_point_name } : null;
}

export async function removeOperator(ctx: AppContext, actorId: string | null, userId: string, servicePointId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.removeOperator(trx, userId, servicePointId))) throw notFound();
    await audit.record(ctx, trx, {
      action: 'role.operator_removed',
      actorId,
      subjectUserId: userId,
      servicePointId,
      payload: { servicePointId },
    });
  });
  ctx.hooks.operatorChanged.run(ctx, { userId });
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) at a service point: authorizations are for that day. */
export function localDate(at: Date, timeZone: string): string {
  // Building a formatter costs ~0.4 ms; « Commencer » pressed by a whole room at once asks for one each.
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(at);
}
