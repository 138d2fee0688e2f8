import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../../shared/api/accounts.js';
import { randomToken, sha256 } from '../../crypto.js';
import type { Role } from '../../policies.js';
import type { User } from '../../db/schema.js';
import { BatchedRead } from '../../batched-read.js';
import * as repo from './accounts.repo.js';

export const REMEMBER_DAYS = 30;
export const SESSION_MAX_HOURS = 12;

/** The signed-in user (`req.user`), as the session reply sends it: its type is src/shared/api/accounts.ts's. */
export type { CurrentUser };

export interface CurrentSession {
  id: string;
  remember: boolean;
  expiresAt: string;
  servicePointId: string | null;
}

export async function currentUserOf(
  ctx: AppContext,
  user: Pick<User, 'id' | 'username' | 'email' | 'first_name' | 'last_name' | 'user_code' | 'language' | 'is_admin'>,
  isOperator = true,
  isManager = true,
): Promise<CurrentUser> {
  const points = isOperator ? await repo.operatorServicePoints(ctx.db, user.id) : [];
  const managed = isManager ? await repo.managedServicePoints(ctx.db, user.id) : [];
  const roles: Role[] = ['learner'];
  if (points.length > 0) roles.push('operator');
  if (managed.length > 0) roles.push('manager');
  if (user.is_admin) roles.push('admin');
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    firstName: user.first_name,
    lastName: user.last_name,
    userCode: user.user_code,
    language: user.language,
    roles,
    servicePoints: points.map((p) => ({ id: p.id, name: p.name, timeZone: p.time_zone })),
    managedServicePoints: managed.map((p) => ({ id: p.id, name: p.name, timeZone: p.time_zone })),
  };
}

/** Creates a session and returns the cookie token (only its hash, the session's id, is stored). */
export async function createSession(ctx: AppContext, userId: string, remember: boolean, ip: string | null) {
  const token = randomToken();
  const id = sha256(token);
  const now = ctx.now();
  const expires = new Date(now.getTime() + (remember ? REMEMBER_DAYS * 86400_000 : SESSION_MAX_HOURS * 3600_000));
  await repo.insertSession(ctx.db, {
    id,
    user_id: userId,
    created_at: now.toISOString(),
    expires_at: expires.toISOString(),
    last_seen_at: now.toISOString(),
    remember: remember ? 1 : 0,
    service_point_id: null,
    ip,
  });
  return { token, id, expires };
}

/**
 * Sessions read in the last SESSION_CACHE_MS, by id, per app: a learner answering sends a request every few
 * seconds, and reading the session, the user and their service points is three queries each time.
 * Expiry and the operators' idle limit are still checked at every request against the cached row. Every
 * change this process makes to a session, a user or an operator's service points forgets the entries it
 * touches at once; a change made elsewhere (the command line, another instance on the same PostgreSQL
 * database) is seen within SESSION_CACHE_MS.
 */
export const SESSION_CACHE_MS = 2000;
const MAX_CACHED_SESSIONS = 20_000;

interface CachedSession {
  row: SessionRow;
  user: CurrentUser;
  /** performance.now() when read from the database. */
  readAt: number;
}
type SessionRow = Awaited<ReturnType<typeof repo.findSessionsWithUser>>[number];

interface SessionCache {
  entries: Map<string, CachedSession>;
  /** Raised by every forget: a read that began before it must not be cached (it may predate the change). */
  epoch: number;
  /** The reads that missed the cache, those of one turn of the event loop in one query. */
  reader: BatchedRead<SessionRow>;
}
const sessionCaches = new WeakMap<AppContext, SessionCache>();
function sessionCache(ctx: AppContext): SessionCache {
  let c = sessionCaches.get(ctx);
  if (!c) {
    const reader = new BatchedRead<SessionRow>(
      async (ids) => new Map((await repo.findSessionsWithUser(ctx.db, ids)).map((r) => [r.id, r])),
    );
    sessionCaches.set(ctx, (c = { entries: new Map(), epoch: 0, reader }));
  }
  return c;
}

/** Forgets a cached session (signed out, expired, changed). */
function forgetSession(ctx: AppContext, id: string) {
  const cache = sessionCache(ctx);
  cache.epoch++;
  cache.entries.delete(id);
}

/** Forgets every cached session of a user: call after changing the user, their roles or their sessions (the
 * service points' `operatorChanged` hook, wired in wiring.ts, calls it for the operator and manager roles). */
export function forgetUserSessions(ctx: AppContext, userId: string) {
  const cache = sessionCache(ctx);
  cache.epoch++;
  for (const [id, entry] of cache.entries) if (entry.row.user_id === userId) cache.entries.delete(id);
}

async function readSession(ctx: AppContext, id: string): Promise<CachedSession | null> {
  const cache = sessionCache(ctx);
  const hit = cache.entries.get(id);
  if (hit && performance.now() - hit.readAt < SESSION_CACHE_MS) return hit;
  const readAt = performance.now();
  const epoch = cache.epoch;
  const found = await cache.reader.load(id);
  if (!found) {
    cache.entries.delete(id);
    return null;
  }
  const user = await currentUserOf(ctx, { ...found, id: found.user_id }, !!found.is_operator, !!found.is_manager);
  const entry = { row: found, user, readAt };
  cache.entries.delete(id);
  if (cache.epoch === epoch) {
    if (cache.entries.size >= MAX_CACHED_SESSIONS) cache.entries.delete(cache.entries.keys().next().value!);
    cache.entries.set(id, entry);
  }
  return entry;
}

/** Finds the session of a cookie token; null when unknown, expired or idle too long (operators). */
export async function loadSession(
  ctx: AppContext,
  token: string,
): Promise<{ session: CurrentSession; user: CurrentUser } | null> {
  const id = sha256(token);
  const found = await readSession(ctx, id);
  if (!found) return null;
  const { row, user } = found;
  const now = ctx.now();
  if (row.expires_at <= now.toISOString()) {
    await destroySession(ctx, id);
    return null;
  }
  const idleMs = now.getTime() - new Date(row.last_seen_at).getTime();
  if (user.roles.includes('operator') && idleExpired(ctx, row, now)) {
    await destroySession(ctx, id);
    return null;
  }
  // One write a minute at most: enough for the idle timeout, cheap on the hot path.
  if (idleMs > 60_000) {
    const at = now.toISOString();
    await repo.touchSession(ctx.db, id, at);
    row.last_seen_at = at;
  }
  return {
    session: { id, remember: !!row.remember, expiresAt: row.expires_at, servicePointId: row.service_point_id },
    user,
  };
}

/**
 * An operator's session ends after `operatorIdleMinutes` without a request, whatever « Se souvenir de moi »
 * says: an operator's screen left open at a service point reaches every learner's file there.
 */
function idleExpired(ctx: AppContext, row: { last_seen_at: string }, now: Date): boolean {
  return now.getTime() - new Date(row.last_seen_at).getTime() > ctx.config.operatorIdleMinutes * 60_000;
}

/** When an operator's session ends if nothing more happens: the idle limit, or its fixed end if sooner. */
function operatorSessionEnd(ctx: AppContext, row: { last_seen_at: string; expires_at: string }) {
  const idleEnd = new Date(
    new Date(row.last_seen_at).getTime() + ctx.config.operatorIdleMinutes * 60_000,
  ).toISOString();
  return idleEnd < row.expires_at ? idleEnd : row.expires_at;
}

/** What a long-lived stream needs to know of its session now (live.hub.ts's periodic check). */
export interface SessionStanding {
  /** Not signed out nor expired: a learner's stream of their attempt lives while it is. */
  active: boolean;
  /** Active and not idle past the operators' limit: an operator's live list lives while it is. */
  operatorActive: boolean;
}

/** Sessions read per query: SQLite takes up to 32,766 values per statement, PostgreSQL 65,535. */
const STANDING_CHUNK = 500;

/**
 * The standing of many sessions at once, read without counting as activity: one query per 500 sessions (the
 * streams open for hours check theirs every minute — 2,000 of them one read each, before). A session gone is
 * absent from the map.
 */
export async function sessionStandings(ctx: AppContext, ids: string[]): Promise<Map<string, SessionStanding>> {
  const out = new Map<string, SessionStanding>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += STANDING_CHUNK) {
    const rows = await repo.findSessions(ctx.db, unique.slice(i, i + STANDING_CHUNK));
    const now = ctx.now();
    for (const row of rows) {
      const active = row.expires_at > now.toISOString();
      out.set(row.id, { active, operatorActive: active && !idleExpired(ctx, row, now) });
    }
  }
  return out;
}

/** The operator is active (the idle warning's « Rester connecté », activity on the page): counted now. */
export async function keepOperatorSessionAlive(ctx: AppContext, sessionId: string) {
  const now = ctx.now().toISOString();
  await repo.touchSession(ctx.db, sessionId, now);
  forgetSession(ctx, sessionId);
  const row = await repo.findSession(ctx.db, sessionId);
  return {
    serverNow: now,
    endsAt: row ? operatorSessionEnd(ctx, row) : now,
    idleMinutes: ctx.config.operatorIdleMinutes,
  };
}

export async function destroySession(ctx: AppContext, sessionId: string) {
  await repo.deleteSession(ctx.db, sessionId);
  forgetSession(ctx, sessionId);
}

export async function chooseServicePoint(ctx: AppContext, sessionId: string, servicePointId: string | null) {
  await repo.setSessionServicePoint(ctx.db, sessionId, servicePointId);
  forgetSession(ctx, sessionId);
}
