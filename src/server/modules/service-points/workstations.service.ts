import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import { BatchedRead } from '../../batched-read.js';
import { DomainError, notFound } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import * as repo from './service-points.repo.js';
import type { PointScope } from './service-points.repo.js';
import { PAGE_SIZE, servicePoint } from './service-points.service.js';

/*
 * « Postes de travail »: add, rename, retire; whether a browser is registered and when it was last seen;
 * « Révoquer l'enregistrement ». A browser holds a signed cookie naming the workstation and when it was
 * registered (http/workstation.ts); here is whether that cookie still counts.
 */

/** How long this process trusts what it read of a workstation's registration (like the session cache). */
export const REGISTRATION_CACHE_MS = 2000;
const SEEN_EVERY_MS = 60_000;

interface Registration {
  retired: boolean;
  validFrom: number | null;
  lastSeenAt: number | null;
  readAt: number;
}
const caches = new WeakMap<AppContext, Map<string, Registration>>();
function cacheOf(ctx: AppContext) {
  let c = caches.get(ctx);
  if (!c) caches.set(ctx, (c = new Map()));
  return c;
}
type WorkstationRow = Awaited<ReturnType<typeof repo.findWorkstations>>[number];
/** The checks that missed the cache, those of one turn of the event loop in one query. */
const readers = new WeakMap<AppContext, BatchedRead<WorkstationRow>>();
function readerOf(ctx: AppContext) {
  let r = readers.get(ctx);
  if (!r) {
    r = new BatchedRead(async (ids) => new Map((await repo.findWorkstations(ctx.db, ids)).map((w) => [w.id, w])));
    readers.set(ctx, r);
  }
  return r;
}
function forget(ctx: AppContext, workstationId: string) {
  cacheOf(ctx).delete(workstationId);
}

/**
 * Whether a browser's cookie, signed at `issuedAt` (null: a cookie from before 0035), still names the
 * workstation: not retired, not revoked since. Counts as the browser being seen (written once a minute).
 */
export async function registrationHolds(ctx: AppContext, workstationId: string, issuedAt: number | null) {
  const cache = cacheOf(ctx);
  let r = cache.get(workstationId);
  if (!r || performance.now() - r.readAt > REGISTRATION_CACHE_MS) {
    const ws = await readerOf(ctx).load(workstationId);
    if (!ws) {
      cache.delete(workstationId);
      return false;
    }
    r = {
      retired: !!ws.retired_at,
      validFrom: ws.registrations_valid_from ? Date.parse(ws.registrations_valid_from) : null,
      lastSeenAt: ws.last_seen_at ? Date.parse(ws.last_seen_at) : null,
      readAt: performance.now(),
    };
    if (cache.size > 10_000) cache.clear();
    cache.set(workstationId, r);
  }
  if (r.retired) return false;
  if (r.validFrom !== null && (issuedAt === null || issuedAt < r.validFrom)) return false;
  const now = ctx.now();
  if (r.lastSeenAt === null || now.getTime() - r.lastSeenAt > SEEN_EVERY_MS) {
    r.lastSeenAt = now.getTime();
    await repo.updateWorkstation(ctx.db, workstationId, { last_seen_at: now.toISOString() });
  }
  return true;
}

/** An operator registered this browser as the workstation (the desk's « Enregistrer ce poste »). */
export async function markRegistered(ctx: AppContext, workstationId: string) {
  const at = ctx.now().toISOString();
  await repo.updateWorkstation(ctx.db, workstationId, { registered_at: at, last_seen_at: at });
  forget(ctx, workstationId);
}

/** « Postes de travail » of one service point (within the caller's scope). */
export async function listWorkstations(
  ctx: AppContext,
  servicePointId: string,
  scope: PointScope,
  query: { q: string; includeRetired: boolean; sort: 'name' | 'lastSeen'; page: number },
) {
  const sp = await servicePoint(ctx, servicePointId, scope);
  const rows = await repo.workstationList(ctx.db, sp.id, {
    q: query.q.trim().toLowerCase(),
    includeRetired: query.includeRetired,
    sort: query.sort,
    offset: (query.page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE + 1,
  });
  return {
    servicePoint: { id: sp.id, name: sp.name, timeZone: sp.time_zone, closedAt: sp.closed_at },
    workstations: rows.slice(0, PAGE_SIZE).map((w) => ({
      id: w.id,
      name: w.name,
      createdAt: w.created_at,
      retiredAt: w.retired_at,
      registered: !!w.registered_at,
      registeredAt: w.registered_at,
      lastSeenAt: w.last_seen_at,
    })),
    page: query.page,
    hasMore: rows.length > PAGE_SIZE,
  };
}

async function assertNameFree(ctx: AppContext, servicePointId: string, name: string, exceptId?: string) {
  const same = await repo.workstationNamed(ctx.db, servicePointId, name);
  if (same && same.id !== exceptId) throw new DomainError('workstation_name_taken', { field: 'name' });
}

export async function addWorkstation(
  ctx: AppContext,
  actorId: string,
  servicePointId: string,
  name: string,
  scope: PointScope,
) {
  const sp = await servicePoint(ctx, servicePointId, scope);
  await assertNameFree(ctx, sp.id, name);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertWorkstation(trx, { id, service_point_id: sp.id, name, created_at: ctx.now().toISOString() });
    await audit.record(ctx, trx, {
      action: 'workstation.added',
      actorId,
      servicePointId: sp.id,
      payload: { workstationId: id, name },
    });
  });
  return { id, name };
}

async function workstationInScope(ctx: AppContext, id: string, scope: PointScope) {
  const ws = await repo.findWorkstationInScope(ctx.db, id, scope);
  if (!ws) throw notFound();
  return ws;
}

export async function renameWorkstation(ctx: AppContext, actorId: string, id: string, name: string, scope: PointScope) {
  const ws = await workstationInScope(ctx, id, scope);
  await assertNameFree(ctx, ws.service_point_id, name, ws.id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateWorkstation(trx, ws.id, { name });
    await audit.record(ctx, trx, {
      action: 'workstation.renamed',
      actorId,
      servicePointId: ws.service_point_id,
      payload: { workstationId: ws.id, from: ws.name, to: name },
    });
  });
}

/** « Retirer »: no longer offered at the desk and its browser no longer counts; attempts taken there stay. */
export async function retireWorkstation(ctx: AppContext, actorId: string, id: string, scope: PointScope) {
  const ws = await workstationInScope(ctx, id, scope);
  if (ws.retired_at) return;
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateWorkstation(trx, ws.id, { retired_at: at, registered_at: null, registrations_valid_from: at });
    await audit.record(ctx, trx, {
      action: 'workstation.retired',
      actorId,
      servicePointId: ws.service_point_id,
      payload: { workstationId: ws.id },
    });
  });
  forget(ctx, ws.id);
}

/** « Révoquer l'enregistrement »: every browser registered so far must be registered again. */
export async function revokeRegistration(ctx: AppContext, actorId: string, id: string, scope: PointScope) {
  const ws = await workstationInScope(ctx, id, scope);
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateWorkstation(trx, ws.id, { registered_at: null, registrations_valid_from: at });
    await audit.record(ctx, trx, {
      action: 'workstation.registration_revoked',
      actorId,
      servicePointId: ws.service_point_id,
      payload: { workstationId: ws.id },
    });
  });
  forget(ctx, ws.id);
}
