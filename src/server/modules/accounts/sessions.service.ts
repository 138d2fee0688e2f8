import type { AppContext } from '../../context.js';
import { randomToken, sha256 } from '../../crypto.js';
import type { Role } from '../../policies.js';
import type { User } from '../../db/schema.js';
import * as repo from './accounts.repo.js';

export const REMEMBER_DAYS = 30;
export const SESSION_MAX_HOURS = 12;

export interface CurrentUser {
  id: string;
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  userCode: string;
  language: 'fr' | 'en';
  roles: Role[];
  servicePoints: { id: string; name: string; timeZone: string }[];
}

export interface CurrentSession {
  id: string;
  remember: boolean;
  expiresAt: string;
  servicePointId: string | null;
}

export async function currentUserOf(ctx: AppContext, user: User): Promise<CurrentUser> {
  const points = await repo.operatorServicePoints(ctx.db, user.id);
  const roles: Role[] = ['learner'];
  if (points.length > 0) roles.push('operator');
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
  };
}

/** Creates a session and returns the cookie token (only its hash is stored). */
export async function createSession(ctx: AppContext, userId: string, remember: boolean, ip: string | null) {
  const token = randomToken();
  const now = ctx.now();
  const expires = new Date(now.getTime() + (remember ? REMEMBER_DAYS * 86400_000 : SESSION_MAX_HOURS * 3600_000));
  await repo.insertSession(ctx.db, {
    id: sha256(token),
    user_id: userId,
    created_at: now.toISOString(),
    expires_at: expires.toISOString(),
    last_seen_at: now.toISOString(),
    remember: remember ? 1 : 0,
    service_point_id: null,
    ip,
  });
  return { token, expires };
}

/** Finds the session of a cookie token; null when unknown, expired or idle too long (operators). */
export async function loadSession(
  ctx: AppContext,
  token: string,
): Promise<{ session: CurrentSession; user: CurrentUser } | null> {
  const id = sha256(token);
  const row = await repo.findSession(ctx.db, id);
  if (!row) return null;
  const now = ctx.now();
  if (row.expires_at <= now.toISOString()) {
    await repo.deleteSession(ctx.db, id);
    return null;
  }
  const userRow = await repo.findUserById(ctx.db, row.user_id);
  if (!userRow) return null;
  const user = await currentUserOf(ctx, userRow);
  const idleMs = now.getTime() - new Date(row.last_seen_at).getTime();
  if (user.roles.includes('operator') && idleExpired(ctx, row, now)) {
    await repo.deleteSession(ctx.db, id);
    return null;
  }
  // One write a minute at most: enough for the idle timeout, cheap on the hot path.
  if (idleMs > 60_000) await repo.touchSession(ctx.db, id, now.toISOString());
  return {
    session: { id, remember: !!row.remember, expiresAt: row.expires_at, servicePointId: row.service_point_id },
    user,
  };
}

/** An operator's session not kept with « Se souvenir de moi » ends after `operatorIdleMinutes` without a request. */
function idleExpired(ctx: AppContext, row: { remember: number; last_seen_at: string }, now: Date): boolean {
  return (
    !row.remember && now.getTime() - new Date(row.last_seen_at).getTime() > ctx.config.operatorIdleMinutes * 60_000
  );
}

/** When an operator's session ends if nothing more happens: the idle limit, or its fixed end if sooner. */
function operatorSessionEnd(ctx: AppContext, row: { remember: number; last_seen_at: string; expires_at: string }) {
  if (row.remember) return row.expires_at;
  const idleEnd = new Date(
    new Date(row.last_seen_at).getTime() + ctx.config.operatorIdleMinutes * 60_000,
  ).toISOString();
  return idleEnd < row.expires_at ? idleEnd : row.expires_at;
}

/**
 * Whether an operator's session may still act, read without counting as activity: a live stream, open for
 * hours, checks it now and then and closes when the session has ended.
 */
export async function operatorSessionActive(ctx: AppContext, sessionId: string): Promise<boolean> {
  const row = await repo.findSession(ctx.db, sessionId);
  const now = ctx.now();
  return !!row && row.expires_at > now.toISOString() && !idleExpired(ctx, row, now);
}

/** The operator is active (the idle warning's « Rester connecté », activity on the page): counted now. */
export async function keepOperatorSessionAlive(ctx: AppContext, sessionId: string) {
  const now = ctx.now().toISOString();
  await repo.touchSession(ctx.db, sessionId, now);
  const row = await repo.findSession(ctx.db, sessionId);
  return {
    serverNow: now,
    endsAt: row ? operatorSessionEnd(ctx, row) : now,
    idleMinutes: ctx.config.operatorIdleMinutes,
  };
}

export async function destroySession(ctx: AppContext, sessionId: string) {
  await repo.deleteSession(ctx.db, sessionId);
}

export async function chooseServicePoint(ctx: AppContext, sessionId: string, servicePointId: string | null) {
  await repo.setSessionServicePoint(ctx.db, sessionId, servicePointId);
}
