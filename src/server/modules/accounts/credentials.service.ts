import type { AppContext } from '../../context.js';
import { randomToken, sha256 } from '../../crypto.js';
import type { User } from '../../db/schema.js';
import { DomainError, notFound } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import { emailChangedMail, passwordChangedMail, resetLinkMail } from './account-mails.js';
import * as repo from './accounts.repo.js';
import { afterReply } from './after-reply.js';
import { dummyHash, hashPassword, passwordProblem, passwordProblemText, verifyPassword } from './passwords.js';
import { forgetUserSessions } from './sessions.service.js';
import { MEMORY_MS, throttled } from './sign-in-throttle.js';

/** Signing in, the password and the e-mail: what proves who a user is, and what changing it ends. */

export const RESET_LINK_MINUTES = 60;
/** Beyond this many usable links, forgot-password sends no more (someone else may be asking, to flood the box). */
export const MAX_USABLE_RESET_LINKS = 3;

export function checkPassword(password: string, context: string[], lang: 'fr' | 'en') {
  const problem = passwordProblem(password, context);
  if (problem)
    throw new DomainError('weak_password', {
      field: 'password',
      params: { reason: passwordProblemText[problem][lang] },
    });
}

const memoryStart = (ctx: AppContext) => new Date(ctx.now().getTime() - MEMORY_MS).toISOString();

/** Whether this address must still wait before trying this account again (sign-in-throttle.ts). */
async function mustWait(ctx: AppContext, userId: string, ip: string): Promise<boolean> {
  return throttled(await repo.recentFailures(ctx.db, userId, ip, memoryStart(ctx)), ctx.now());
}

/**
 * Whom failures are counted against: the account, or for a login no account has, a stand-in derived from
 * it. An unknown login is then throttled like a known one and costs the same work (a read, Argon2, a write),
 * so neither the answer nor its time tells them apart.
 */
function throttleKey(u: User | undefined, login: string): string {
  return u ? u.id : `unknown:${sha256(login.trim().toLowerCase())}`;
}

/** Checks a password, or when the address must wait (or no account has the login) spends the same Argon2 time. */
async function passwordMatches(ctx: AppContext, u: User | undefined, key: string, password: string, ip: string) {
  const waited = await mustWait(ctx, key, ip);
  if (!u || waited) {
    await verifyPassword(await dummyHash(), password);
    return { ok: false, waited };
  }
  return { ok: await verifyPassword(u.password_hash, password), waited };
}

async function recordFailure(ctx: AppContext, userId: string, ip: string) {
  await repo.recordFailure(ctx.db, userId, ip, ctx.now().toISOString(), memoryStart(ctx));
}

/**
 * Checks the password. An unknown account, a wrong password and an address that must wait all answer
 * 401 bad_credentials, after an Argon2 verification of the same cost.
 */
export async function signIn(ctx: AppContext, login: string, password: string, ip: string): Promise<User> {
  const u = await repo.findUserByLogin(ctx.db, login);
  const key = throttleKey(u, login);
  const { ok, waited } = await passwordMatches(ctx, u, key, password, ip);
  if (!u || !ok) {
    if (!waited) await recordFailure(ctx, key, ip);
    // Every failure is audited, an unknown login's too, after the reply: the same work whatever the account.
    const reason = waited ? 'throttled' : u ? 'bad_password' : 'unknown_login';
    const subjectUserId = u?.id ?? null;
    afterReply(ctx, 'audit sign-in failure', () =>
      audit.recordAlone(ctx, { action: 'auth.sign_in_failed', actorId: null, subjectUserId, ip, payload: { reason } }),
    );
    throw new DomainError('bad_credentials');
  }
  // Told only to whoever knows the password: a deactivated account's owner learns why, nobody else learns more.
  if (u.deactivated_at) throw new DomainError('account_deactivated');
  await repo.clearFailures(ctx.db, u.id, ip);
  return u;
}

export async function recordSignIn(ctx: AppContext, userId: string, remember: boolean, ip: string | null) {
  await audit.recordAlone(ctx, {
    action: 'auth.sign_in',
    actorId: userId,
    subjectUserId: userId,
    ip,
    payload: { remember },
  });
}

export async function recordSignOut(ctx: AppContext, userId: string, ip: string | null) {
  await audit.recordAlone(ctx, { action: 'auth.sign_out', actorId: userId, subjectUserId: userId, ip, payload: {} });
}

/**
 * Changing the e-mail or the password needs the current password (a session alone may be a shared
 * workstation someone forgot to leave). A wrong one counts as a failed sign-in from this address.
 */
async function requireCurrentPassword(ctx: AppContext, u: User, given: string | undefined, ip: string) {
  // Missing is the form's mistake, not an attempt: refused without a trace (nothing was tried).
  if (!given) throw new DomainError('current_password_required', { field: 'currentPassword' });
  const { ok, waited } = await passwordMatches(ctx, u, u.id, given, ip);
  if (!ok) {
    if (!waited) await recordFailure(ctx, u.id, ip);
    await audit.recordAlone(ctx, {
      action: 'account.change_refused',
      actorId: u.id,
      subjectUserId: u.id,
      ip,
      payload: { reason: 'wrong_current_password' },
    });
    throw new DomainError('current_password_wrong', { field: 'currentPassword' });
  }
}

export interface AccountChange {
  username: string;
  email: string;
  password?: string;
  currentPassword?: string;
}

/**
 * « Mon compte »: user name, e-mail, password. A new e-mail or password ends every other session of the user
 * (this one stays), forgets every reset link, and is told to the old address (the e-mail) or the address.
 */
export async function updateAccount(
  ctx: AppContext,
  by: { userId: string; sessionId: string },
  input: AccountChange,
  lang: 'fr' | 'en',
  ip: string,
) {
  const u = await repo.findUserById(ctx.db, by.userId);
  if (!u) throw notFound();
  const usernameLower = input.username.toLowerCase();
  const emailLower = input.email.toLowerCase();
  const taken = await repo.usernameOrEmailTaken(ctx.db, usernameLower, emailLower, u.id);
  if (taken.username) throw new DomainError('username_taken', { field: 'username' });
  if (taken.email) throw new DomainError('email_taken', { field: 'email' });
  const changed: ('username' | 'email' | 'password')[] = [];
  if (input.username !== u.username) changed.push('username');
  if (emailLower !== u.email_lower) changed.push('email');
  if (input.password) changed.push('password');
  const credentials = changed.includes('email') || changed.includes('password');
  if (credentials) await requireCurrentPassword(ctx, u, input.currentPassword, ip);
  let passwordHash = u.password_hash;
  if (input.password) {
    checkPassword(input.password, [input.username], lang);
    passwordHash = await hashPassword(input.password);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, u.id, {
      username: input.username,
      username_lower: usernameLower,
      email: input.email,
      email_lower: emailLower,
      password_hash: passwordHash,
      updated_at: ctx.now().toISOString(),
    });
    if (credentials) {
      await repo.deleteOtherSessionsOf(trx, u.id, by.sessionId);
      await repo.deleteResetsOf(trx, u.id);
    }
    if (changed.length > 0)
      await audit.record(ctx, trx, {
        action: 'account.updated',
        actorId: u.id,
        subjectUserId: u.id,
        ip,
        payload: { changed },
      });
  });
  // After the commit: a request reading a session in between would otherwise cache the old one.
  forgetUserSessions(ctx, u.id);
  const old = { email: u.email, language: u.language };
  if (changed.includes('email')) {
    const mail = emailChangedMail(old, input.email, changed.includes('password'));
    afterReply(ctx, 'mail: e-mail changed', () => ctx.mailer.send(mail));
  } else if (changed.includes('password')) {
    const mail = passwordChangedMail(old);
    afterReply(ctx, 'mail: password changed', () => ctx.mailer.send(mail));
  }
}

/**
 * Forgot-password: answers at once, the same for every login; the look-up, the link and the mail are made
 * after the reply, so neither its content nor its time tells whether the account exists. The link is built
 * from PUBLIC_URL, never from the request.
 */
export function requestPasswordReset(ctx: AppContext, login: string, ip: string | null) {
  afterReply(ctx, 'forgot-password', async () => {
    const u = await repo.findUserByLogin(ctx.db, login);
    if (!u) return;
    await sendResetLink(ctx, u, ip, { action: 'auth.password_reset_requested', actorId: null });
  });
}

/**
 * Makes a reset link and mails it, unless MAX_USABLE_RESET_LINKS usable ones are out already; audited in the
 * link's transaction as `audit` says (forgot-password's request, or an administrator's « Envoyer un lien »).
 * Returns whether a link was sent.
 */
export async function sendResetLink(
  ctx: AppContext,
  u: User,
  ip: string | null,
  how:
    { action: 'auth.password_reset_requested'; actorId: null } | { action: 'account.reset_link_sent'; actorId: string },
): Promise<boolean> {
  const now = ctx.now();
  const token = randomToken();
  const made = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockUser(trx, u.id, ctx.dbKind === 'postgres');
    const room = (await repo.countUsableResets(trx, u.id, now.toISOString())) < MAX_USABLE_RESET_LINKS;
    if (room)
      await repo.insertReset(trx, {
        token_hash: sha256(token),
        user_id: u.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000).toISOString(),
        used_at: null,
      });
    if (how.action === 'auth.password_reset_requested') {
      if (room) await audit.record(ctx, trx, { ...how, subjectUserId: u.id, ip, payload: {} });
    } else await audit.record(ctx, trx, { ...how, subjectUserId: u.id, ip, payload: { sent: room } });
    return room;
  });
  if (!made) {
    ctx.log.info({ userId: u.id }, 'reset link: enough usable links already, none sent');
    return false;
  }
  const link = `${ctx.config.publicUrl}/reinitialiser?jeton=${token}`;
  await ctx.mailer.send(resetLinkMail(u, link, RESET_LINK_MINUTES));
  return true;
}

/** A reset link used: the new password; every other link forgotten, every session ended, the address told. */
export async function resetPassword(
  ctx: AppContext,
  token: string,
  password: string,
  lang: 'fr' | 'en',
  ip: string | null,
) {
  checkPassword(password, [], lang);
  const hash = await hashPassword(password);
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const userId = await repo.consumeReset(trx, sha256(token), ctx.now().toISOString());
    if (!userId) throw new DomainError('reset_link_invalid', { field: 'token' });
    await repo.updateUser(trx, userId, { password_hash: hash, updated_at: ctx.now().toISOString() });
    await repo.deleteResetsOf(trx, userId);
    await repo.deleteSessionsOf(trx, userId);
    // The owner proved they hold the mailbox: no address need wait any more.
    await repo.clearFailures(trx, userId);
    await audit.record(ctx, trx, {
      action: 'auth.password_reset',
      actorId: userId,
      subjectUserId: userId,
      ip,
      payload: {},
    });
    return userId;
  });
  // After the commit: a request reading the session in between would otherwise cache the old one.
  forgetUserSessions(ctx, userId);
  const u = await repo.findUserById(ctx.db, userId);
  if (u) {
    const mail = passwordChangedMail(u);
    afterReply(ctx, 'mail: password reset', () => ctx.mailer.send(mail));
  }
}

/** Administrator's reset from the command line. */
export async function setPassword(ctx: AppContext, login: string, password: string) {
  const u = await repo.findUserByLogin(ctx.db, login);
  if (!u) throw notFound();
  checkPassword(password, [u.username], 'fr');
  const hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, u.id, {
      password_hash: hash,
      updated_at: ctx.now().toISOString(),
    });
    await repo.deleteResetsOf(trx, u.id);
    await repo.deleteSessionsOf(trx, u.id);
  });
  forgetUserSessions(ctx, u.id);
}
