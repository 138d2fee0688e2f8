import sharp from 'sharp';
import type { AppContext } from '../../context.js';
import { newId, randomToken, sha256 } from '../../crypto.js';
import type { User } from '../../db/schema.js';
import { DomainError, notFound } from '../../http/errors.js';
import { foldText } from '../../../shared/text.js';
import * as audit from '../audit/audit.service.js';
import type { MembershipInput, PreferencesInput, ProfileInput, RegisterInput } from './accounts.schemas.js';
import * as repo from './accounts.repo.js';
import { dummyHash, hashPassword, passwordProblem, passwordProblemText, verifyPassword } from './passwords.js';
import { forgetUserSessions } from './sessions.service.js';
import { formatUserCode, generateUserCode } from './user-code.js';

/**
 * Changes a user (committed at once) and forgets their cached sessions, which carry the user's name,
 * language and roles. Inside a transaction, call repo.updateUser and forget after the commit.
 */
async function updateUser(ctx: AppContext, userId: string, patch: Parameters<typeof repo.updateUser>[2]) {
  await repo.updateUser(ctx.db, userId, patch);
  forgetUserSessions(ctx, userId);
}

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_WINDOW_MINUTES = 15;
export const RESET_LINK_MINUTES = 60;

export type RegistrationStep = 'account' | 'profile' | 'preferences' | 'membership';
export const REGISTRATION_STEPS: RegistrationStep[] = ['account', 'profile', 'preferences', 'membership'];

export function stepsCompleted(u: User): Record<RegistrationStep, boolean> {
  return {
    account: true,
    profile: !!u.first_name && !!u.last_name,
    preferences: !!u.preferences_set_at,
    membership: !!u.membership_type,
  };
}

function requireStep(u: User, before: RegistrationStep) {
  if (!stepsCompleted(u)[before]) throw new DomainError('step_out_of_order', { params: { step: stepLabel[before] } });
}
const stepLabel: Record<RegistrationStep, string> = {
  account: '« Mon compte »',
  profile: '« Mon profil public »',
  preferences: '« Mes préférences »',
  membership: '« Mon membership »',
};

function checkPassword(password: string, context: string[], lang: 'fr' | 'en') {
  const problem = passwordProblem(password, context);
  if (problem)
    throw new DomainError('weak_password', {
      field: 'password',
      params: { reason: passwordProblemText[problem][lang] },
    });
}

async function uniqueUserCode(ctx: AppContext): Promise<string> {
  // 31^8 ≈ 8.5e11 codes: a collision is rare; the unique index is the final guard.
  for (let i = 0; i < 10; i++) {
    const code = generateUserCode();
    if (!(await repo.userCodeExists(ctx.db, code))) return code;
  }
  throw new Error('could not draw a free user code');
}

export interface NewAccount extends RegisterInput {
  firstName?: string;
  lastName?: string;
  language?: 'fr' | 'en';
  isAdmin?: boolean;
  membershipType?: MembershipInput['membershipType'];
  organisation?: string;
}

/** Step 1 « Mon compte » (and the CLI / demo, which may fill every step at once). */
export async function createAccount(
  ctx: AppContext,
  input: NewAccount,
  meta: { ip?: string | null; lang?: 'fr' | 'en' } = {},
) {
  const usernameLower = input.username.toLowerCase();
  const emailLower = input.email.toLowerCase();
  checkPassword(input.password, [input.username, input.email.split('@')[0] ?? ''], meta.lang ?? 'fr');
  const taken = await repo.usernameOrEmailTaken(ctx.db, usernameLower, emailLower);
  if (taken.username) throw new DomainError('username_taken', { field: 'username' });
  if (taken.email) throw new DomainError('email_taken', { field: 'email' });
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now().toISOString();
  const id = newId();
  for (let attempt = 0; ; attempt++) {
    const code = await uniqueUserCode(ctx);
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await repo.insertUser(trx, {
          id,
          username: input.username,
          username_lower: usernameLower,
          email: input.email,
          email_lower: emailLower,
          password_hash: passwordHash,
          user_code: code,
          first_name: input.firstName ?? null,
          last_name: input.lastName ?? null,
          search_first: input.firstName ? foldText(input.firstName) : null,
          search_last: input.lastName ? foldText(input.lastName) : null,
          profile_picture: null,
          profile_picture_type: null,
          language: input.language ?? 'fr',
          notify_email: 1,
          preferences_set_at: input.language ? now : null,
          membership_type: input.membershipType ?? null,
          organisation: input.organisation ?? null,
          is_admin: input.isAdmin ? 1 : 0,
          created_at: now,
          updated_at: now,
        });
        await audit.record(ctx, trx, {
          action: 'account.registered',
          actorId: id,
          subjectUserId: id,
          ip: meta.ip,
          payload: { userCode: code },
        });
      });
      return { id, userCode: code };
    } catch (err) {
      // A racing registration took the name, e-mail or code between the check and the insert.
      const again = await repo.usernameOrEmailTaken(ctx.db, usernameLower, emailLower);
      if (again.username) throw new DomainError('username_taken', { field: 'username' });
      if (again.email) throw new DomainError('email_taken', { field: 'email' });
      if (attempt >= 3) throw err;
    }
  }
}

async function loadUser(ctx: AppContext, userId: string): Promise<User> {
  const u = await repo.findUserById(ctx.db, userId);
  if (!u) throw notFound();
  return u;
}

export async function updateAccount(
  ctx: AppContext,
  userId: string,
  input: { username: string; email: string; password?: string },
  lang: 'fr' | 'en',
) {
  const u = await loadUser(ctx, userId);
  const taken = await repo.usernameOrEmailTaken(
    ctx.db,
    input.username.toLowerCase(),
    input.email.toLowerCase(),
    userId,
  );
  if (taken.username) throw new DomainError('username_taken', { field: 'username' });
  if (taken.email) throw new DomainError('email_taken', { field: 'email' });
  let password_hash = u.password_hash;
  if (input.password) {
    checkPassword(input.password, [input.username], lang);
    password_hash = await hashPassword(input.password);
  }
  await updateUser(ctx, userId, {
    username: input.username,
    username_lower: input.username.toLowerCase(),
    email: input.email,
    email_lower: input.email.toLowerCase(),
    password_hash,
    updated_at: ctx.now().toISOString(),
  });
}

export async function saveProfile(ctx: AppContext, userId: string, input: ProfileInput) {
  await loadUser(ctx, userId);
  await updateUser(ctx, userId, {
    first_name: input.firstName,
    last_name: input.lastName,
    search_first: foldText(input.firstName),
    search_last: foldText(input.lastName),
    updated_at: ctx.now().toISOString(),
  });
}

export const PROFILE_PICTURE_MAX_BYTES = 2 * 1024 * 1024;

export async function saveProfilePicture(ctx: AppContext, userId: string, data: Buffer) {
  await loadUser(ctx, userId);
  let jpeg: Buffer;
  try {
    jpeg = await sharp(data, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize(256, 256, { fit: 'cover' })
      .jpeg({ quality: 85 })
      .toBuffer();
  } catch {
    throw new DomainError('invalid_image', { field: 'picture' });
  }
  await updateUser(ctx, userId, {
    profile_picture: jpeg,
    profile_picture_type: 'image/jpeg',
    updated_at: ctx.now().toISOString(),
  });
}

export async function profilePicture(ctx: AppContext, userId: string) {
  const u = await loadUser(ctx, userId);
  if (!u.profile_picture) throw notFound();
  return { data: Buffer.from(u.profile_picture), type: u.profile_picture_type ?? 'image/jpeg' };
}

export async function savePreferences(ctx: AppContext, userId: string, input: PreferencesInput) {
  const u = await loadUser(ctx, userId);
  requireStep(u, 'profile');
  await updateUser(ctx, userId, {
    language: input.language,
    notify_email: input.notifyEmail ? 1 : 0,
    preferences_set_at: ctx.now().toISOString(),
    updated_at: ctx.now().toISOString(),
  });
}

export async function saveMembership(ctx: AppContext, userId: string, input: MembershipInput) {
  const u = await loadUser(ctx, userId);
  requireStep(u, 'profile');
  requireStep(u, 'preferences');
  await updateUser(ctx, userId, {
    membership_type: input.membershipType,
    organisation: input.organisation || null,
    updated_at: ctx.now().toISOString(),
  });
}

export async function accountView(ctx: AppContext, userId: string) {
  const u = await loadUser(ctx, userId);
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    userCode: formatUserCode(u.user_code),
    firstName: u.first_name,
    lastName: u.last_name,
    hasPicture: !!u.profile_picture,
    language: u.language,
    notifyEmail: !!u.notify_email,
    membershipType: u.membership_type,
    organisation: u.organisation,
    steps: stepsCompleted(u),
  };
}

/** Checks the password; counts failures per account and refuses for a while after too many. */
export async function signIn(ctx: AppContext, login: string, password: string, ip: string | null): Promise<User> {
  const u = await repo.findUserByLogin(ctx.db, login);
  if (!u) {
    await verifyPassword(await dummyHash(), password);
    throw new DomainError('bad_credentials');
  }
  const since = new Date(ctx.now().getTime() - LOCK_WINDOW_MINUTES * 60_000).toISOString();
  if ((await repo.countRecentFailures(ctx.db, u.id, since)) >= LOCK_AFTER_FAILURES) {
    throw new DomainError('rate_limited');
  }
  if (!(await verifyPassword(u.password_hash, password))) {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.recordFailure(trx, u.id, ctx.now().toISOString());
      await audit.record(ctx, trx, {
        action: 'auth.sign_in_failed',
        actorId: null,
        subjectUserId: u.id,
        ip,
        payload: { reason: 'bad_password' },
      });
    });
    throw new DomainError('bad_credentials');
  }
  await repo.clearFailures(ctx.db, u.id);
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

/** Sends a single-use link; answers the same whether or not the account exists. */
export async function requestPasswordReset(ctx: AppContext, login: string, baseUrl: string, ip: string | null) {
  const u = await repo.findUserByLogin(ctx.db, login);
  if (!u) return;
  const token = randomToken();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertReset(trx, {
      token_hash: sha256(token),
      user_id: u.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000).toISOString(),
      used_at: null,
    });
    await audit.record(ctx, trx, {
      action: 'auth.password_reset_requested',
      actorId: null,
      subjectUserId: u.id,
      ip,
      payload: {},
    });
  });
  const link = `${baseUrl}/reinitialiser?jeton=${token}`;
  const fr = u.language !== 'en';
  await ctx.mailer.send({
    to: u.email,
    subject: fr ? 'Vigie — réinitialisation du mot de passe' : 'Vigie — password reset',
    text: fr
      ? `Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valide ${RESET_LINK_MINUTES} minutes, une seule fois) :\n${link}\n\nSi vous n’avez rien demandé, ignorez ce message.`
      : `Hello,\n\nTo choose a new password, open this link (valid ${RESET_LINK_MINUTES} minutes, once):\n${link}\n\nIf you did not ask for this, ignore this message.`,
  });
}

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
    if (!userId) throw new DomainError('reset_link_invalid');
    await repo.updateUser(trx, userId, { password_hash: hash, updated_at: ctx.now().toISOString() });
    await repo.deleteSessionsOf(trx, userId);
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
}

/** Administrator's reset from the command line. */
export async function setPassword(ctx: AppContext, login: string, password: string) {
  const u = await repo.findUserByLogin(ctx.db, login);
  if (!u) throw notFound();
  checkPassword(password, [u.username], 'fr');
  await repo.updateUser(ctx.db, u.id, {
    password_hash: await hashPassword(password),
    updated_at: ctx.now().toISOString(),
  });
  await repo.deleteSessionsOf(ctx.db, u.id);
  forgetUserSessions(ctx, u.id);
}

export async function findByLogin(ctx: AppContext, login: string) {
  return repo.findUserByLogin(ctx.db, login);
}
