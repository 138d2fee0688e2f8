import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import { DomainError, notFound } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import * as repo from './service-points.repo.js';
import type { PointScope, StaffRole } from './service-points.repo.js';

export type { PointScope, StaffRole } from './service-points.repo.js';
export const DEFAULT_TIME_ZONE = 'America/Toronto';
export const PAGE_SIZE = 25;

export interface ServicePointInput {
  name: string;
  address: string;
  timeZone?: string;
  contact?: string;
}

function checkTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat('fr-CA', { timeZone });
  } catch {
    throw new DomainError('validation', { field: 'timeZone', params: { field: 'timeZone' } });
  }
}

/** Creates a service point and its first workstations (« Poste 1 »…), from the command line or « Points de service ». */
export async function createServicePoint(
  ctx: AppContext,
  input: ServicePointInput & { workstations: number },
  actorId: string | null = null,
) {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  checkTimeZone(timeZone);
  if (await repo.findServicePointByName(ctx.db, input.name))
    throw new DomainError('service_point_name_taken', { field: 'name' });
  const id = newId();
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertServicePoint(trx, {
      id,
      name: input.name,
      address: input.address,
      time_zone: timeZone,
      contact: input.contact ?? '',
      created_at: now,
    });
    for (let i = 1; i <= input.workstations; i++) {
      await repo.insertWorkstation(trx, { id: newId(), service_point_id: id, name: `Poste ${i}`, created_at: now });
    }
    await audit.record(ctx, trx, {
      action: 'service_point.created',
      actorId,
      servicePointId: id,
      payload: { name: input.name, workstations: input.workstations },
    });
  });
  return id;
}

/** « Modifier »: name, address, time zone, contact. */
export async function updateServicePoint(
  ctx: AppContext,
  actorId: string,
  id: string,
  input: Required<ServicePointInput>,
) {
  checkTimeZone(input.timeZone);
  const current = await servicePoint(ctx, id);
  const other = await repo.findServicePointByName(ctx.db, input.name);
  if (other && other.id !== id) throw new DomainError('service_point_name_taken', { field: 'name' });
  const changed = (['name', 'address', 'timeZone', 'contact'] as const).filter(
    (k) =>
      input[k] !==
      { name: current.name, address: current.address, timeZone: current.time_zone, contact: current.contact }[k],
  );
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateServicePoint(trx, id, {
      name: input.name,
      address: input.address,
      time_zone: input.timeZone,
      contact: input.contact,
    });
    await audit.record(ctx, trx, {
      action: 'service_point.updated',
      actorId,
      servicePointId: id,
      payload: { changed },
    });
  });
}

/** « Fermer »: kept for history (attempts, cards, staff), but no new authorization there. « Rouvrir » undoes it. */
export async function setServicePointClosed(ctx: AppContext, actorId: string, id: string, closed: boolean) {
  const sp = await servicePoint(ctx, id);
  if (!!sp.closed_at === closed) return;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateServicePoint(trx, id, { closed_at: closed ? ctx.now().toISOString() : null });
    await audit.record(ctx, trx, {
      action: closed ? 'service_point.closed' : 'service_point.reopened',
      actorId,
      servicePointId: id,
      payload: {},
    });
  });
}

/** Refuses a new authorization at a closed service point (called where exams are authorized). */
export function assertOpen(sp: { closed_at: string | null }) {
  if (sp.closed_at) throw new DomainError('service_point_closed');
}

export async function servicePointByName(ctx: AppContext, name: string) {
  return repo.findServicePointByName(ctx.db, name);
}

/** A service point, within a scope when given (a manager's points): "not yours" is "does not exist". */
export async function servicePoint(ctx: AppContext, id: string, scope: PointScope = null) {
  const sp = await repo.findServicePoint(ctx.db, id, scope);
  if (!sp) throw notFound();
  return sp;
}

/** « Points de service »: a page, searched by name or address, sorted by name or newest first. */
export async function searchServicePoints(
  ctx: AppContext,
  scope: PointScope,
  query: { q: string; sort: 'name' | 'created'; includeClosed: boolean; page: number },
) {
  const rows = await repo.searchServicePoints(ctx.db, {
    scope,
    q: query.q.trim().toLowerCase(),
    sort: query.sort,
    includeClosed: query.includeClosed,
    offset: (query.page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE + 1,
  });
  return {
    servicePoints: rows.slice(0, PAGE_SIZE).map((r) => ({
      id: r.id,
      name: r.name,
      address: r.address,
      timeZone: r.time_zone,
      contact: r.contact,
      closedAt: r.closed_at,
      createdAt: r.created_at,
      workstations: Number(r.workstations),
      operators: Number(r.operators),
    })),
    page: query.page,
    hasMore: rows.length > PAGE_SIZE,
  };
}

/** One service point as « Points de service » shows it: its details, workstations and staff. */
export async function servicePointDetail(ctx: AppContext, id: string, scope: PointScope) {
  const sp = await servicePoint(ctx, id, scope);
  const [workstations, staff] = await Promise.all([repo.workstationsOf(ctx.db, id), repo.staffOf(ctx.db, id)]);
  const person = (u: (typeof staff.operators)[number]) => ({
    id: u.id,
    firstName: u.first_name,
    lastName: u.last_name,
    email: u.email,
    userCode: u.user_code,
    deactivated: !!u.deactivated_at,
    since: u.created_at,
  });
  return {
    id: sp.id,
    name: sp.name,
    address: sp.address,
    timeZone: sp.time_zone,
    contact: sp.contact,
    closedAt: sp.closed_at,
    createdAt: sp.created_at,
    workstations: workstations.map((w) => ({ id: w.id, name: w.name })),
    operators: staff.operators.map(person),
    managers: staff.managers.map(person),
  };
}

export async function workstationsOf(ctx: AppContext, servicePointId: string) {
  return repo.workstationsOf(ctx.db, servicePointId);
}

export async function isOperatorOf(ctx: AppContext, userId: string, servicePointId: string) {
  return repo.isOperatorOf(ctx.db, userId, servicePointId);
}

const grantedAction = { operator: 'role.operator_granted', manager: 'role.manager_granted' } as const;
const removedAction = { operator: 'role.operator_removed', manager: 'role.manager_removed' } as const;

/** Grants the operator or manager role at a service point; sessions see it at once (operatorChanged hook). */
export async function grantRole(
  ctx: AppContext,
  actorId: string | null,
  role: StaffRole,
  userId: string,
  servicePointId: string,
  scope: PointScope = null,
) {
  await servicePoint(ctx, servicePointId, scope);
  if (!(await repo.userExists(ctx.db, userId))) throw new DomainError('not_found', { field: 'userId' });
  await ctx.db.transaction().execute(async (trx) => {
    await repo.grantRole(trx, role, userId, servicePointId, ctx.now().toISOString());
    await audit.record(ctx, trx, {
      action: grantedAction[role],
      actorId,
      subjectUserId: userId,
      servicePointId,
      payload: { servicePointId },
    });
  });
  ctx.hooks.operatorChanged.run(ctx, { userId });
}

export async function removeRole(
  ctx: AppContext,
  actorId: string | null,
  role: StaffRole,
  userId: string,
  servicePointId: string,
  scope: PointScope = null,
) {
  await servicePoint(ctx, servicePointId, scope);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.removeRole(trx, role, userId, servicePointId))) throw notFound();
    await audit.record(ctx, trx, {
      action: removedAction[role],
      actorId,
      subjectUserId: userId,
      servicePointId,
      payload: { servicePointId },
    });
  });
  ctx.hooks.operatorChanged.run(ctx, { userId });
}

export function grantOperator(ctx: AppContext, actorId: string | null, userId: string, servicePointId: string) {
  return grantRole(ctx, actorId, 'operator', userId, servicePointId);
}

export function removeOperator(ctx: AppContext, actorId: string | null, userId: string, servicePointId: string) {
  return removeRole(ctx, actorId, 'operator', userId, servicePointId);
}

/** The workstation this browser is registered as, for the session (sign-in hides « Se souvenir de moi »). */
export async function registeredWorkstation(ctx: AppContext, workstationId: string | null) {
  if (!workstationId) return null;
  const ws = await repo.findWorkstationWithPoint(ctx.db, workstationId);
  return ws ? { id: ws.id, name: ws.name, servicePointName: ws.service_point_name } : null;
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
