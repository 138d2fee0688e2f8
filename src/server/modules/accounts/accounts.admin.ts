import { localized } from '../../../shared/api/common.js';
import type { AppContext } from '../../context.js';
import { foldText } from '../../../shared/text.js';
import { DomainError, notFound } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import * as admin from './accounts.admin.repo.js';
import * as repo from './accounts.repo.js';
import { sendResetLink } from './credentials.service.js';
import { forgetUserSessions } from './sessions.service.js';
import { MEMORY_MS, throttled } from './sign-in-throttle.js';
import { formatUserCode, parseUserCode } from './user-code.js';

/** « Comptes » (and the account search of « Opérateurs »): find, look at, and help an account. */

export const PAGE_SIZE = 25;

/** Any account by name, e-mail (prefixes, any case or accents) or user code (exact, with or without its dash). */
export async function searchAccounts(ctx: AppContext, query: { q: string; sort: 'name' | 'created'; page: number }) {
  const q = query.q.trim();
  const code = parseUserCode(q);
  const offset = (query.page - 1) * PAGE_SIZE;
  let rows = code
    ? await admin.searchAccounts(ctx.db, { words: [], userCode: code, sort: query.sort, offset: 0, limit: 2 })
    : [];
  if (!code || rows.length === 0) {
    const words = foldText(q).split(/\s+/).filter(Boolean).slice(0, 4);
    rows = await admin.searchAccounts(ctx.db, {
      words,
      userCode: null,
      sort: query.sort,
      offset,
      limit: PAGE_SIZE + 1,
    });
  }
  return {
    accounts: rows.slice(0, PAGE_SIZE).map(row),
    page: query.page,
    hasMore: rows.length > PAGE_SIZE,
  };
}

function row(
  u:
    | NonNullable<Awaited<ReturnType<typeof admin.accountById>>>
    | Awaited<ReturnType<typeof admin.searchAccounts>>[number],
) {
  return {
    id: u.id,
    username: u.username,
    firstName: u.first_name,
    lastName: u.last_name,
    email: u.email,
    userCode: formatUserCode(u.user_code),
    deactivated: !!u.deactivated_at,
  };
}

async function account(ctx: AppContext, userId: string) {
  const u = await admin.accountById(ctx.db, userId);
  if (!u) throw notFound();
  return u;
}

async function failuresOf(ctx: AppContext, userId: string) {
  const since = new Date(ctx.now().getTime() - MEMORY_MS).toISOString();
  const byIp = await admin.failuresByIpSince(ctx.db, userId, since);
  const count = byIp.reduce((sum, r) => sum + Number(r.n), 0);
  const locked = byIp.some((r) => throttled({ count: Number(r.n), lastAt: r.last ?? null }, ctx.now()));
  return { count, locked };
}

/** One account as « Comptes » shows it: who, state, roles, enrolments. */
export async function accountDetail(ctx: AppContext, userId: string) {
  const u = await account(ctx, userId);
  const [roles, enrolments, failures] = await Promise.all([
    admin.rolesOf(ctx.db, userId),
    admin.enrolmentsOf(ctx.db, userId),
    failuresOf(ctx, userId),
  ]);
  return {
    ...row(u),
    createdAt: u.created_at,
    deactivatedAt: u.deactivated_at,
    language: u.language,
    recentFailures: failures.count,
    locked: failures.locked,
    roles: { admin: !!u.is_admin, ...roles },
    enrolments: enrolments.map((e) => ({
      trainingCode: e.code,
      trainingTitle: localized(e.title, e.title_en),
      servicePoint: e.service_point,
      status: e.status,
    })),
  };
}

/** « Envoyer un lien de réinitialisation »: the forgot-password mail, sent now; false when enough links are out. */
export async function sendResetLinkFor(ctx: AppContext, actorId: string, userId: string, ip: string | null) {
  const u = await repo.findUserById(ctx.db, userId);
  if (!u) throw notFound();
  return sendResetLink(ctx, u, ip, { action: 'account.reset_link_sent', actorId });
}

/** « Débloquer »: forgets the failed sign-ins, from every address. */
export async function unlock(ctx: AppContext, actorId: string, userId: string, ip: string | null) {
  await account(ctx, userId);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.clearFailures(trx, userId);
    await audit.record(ctx, trx, { action: 'account.unlocked', actorId, subjectUserId: userId, ip, payload: {} });
  });
}

/** « Désactiver »: no sign-in, every session ended; the account and its history stay. « Réactiver » undoes it. */
export async function setActive(ctx: AppContext, actorId: string, userId: string, active: boolean, ip: string | null) {
  const u = await account(ctx, userId);
  // An administrator locking themselves out would leave nobody to undo it.
  if (!active && userId === actorId)
    throw new DomainError('validation', { field: 'userId', params: { field: 'userId' } });
  if (!u.deactivated_at === active) return;
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await admin.setDeactivated(trx, userId, active ? null : now, now);
    if (!active) await repo.deleteSessionsOf(trx, userId);
    await audit.record(ctx, trx, {
      action: active ? 'account.reactivated' : 'account.deactivated',
      actorId,
      subjectUserId: userId,
      ip,
      payload: {},
    });
  });
  // After the commit, like a password reset: a request in between would otherwise cache the old session.
  forgetUserSessions(ctx, userId);
}
