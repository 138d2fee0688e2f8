import sharp from 'sharp';
import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import type { User } from '../../db/schema.js';
import { DomainError, notFound } from '../../errors.js';
import { compactText } from '../../../shared/text.js';
import * as audit from '../audit/audit.service.js';
import type { MembershipInput, PreferencesInput, ProfileInput, RegisterInput } from './accounts.schemas.js';
import * as repo from './accounts.repo.js';
import { checkPassword } from './credentials.service.js';
import { hashPassword } from './passwords.js';
import { forgetUserSessions } from './sessions.service.js';
import { formatUserCode, generateUserCode } from './user-code.js';

// Signing in, the password and the e-mail live in credentials.service.ts; callers may keep using this module.
export {
  recordSignIn,
  recordSignOut,
  requestPasswordReset,
  resetPassword,
  setPassword,
  signIn,
  updateAccount,
} from './credentials.service.js';

/**
 * Changes a user (committed at once) and forgets their cached sessions, which carry the user's name,
 * language and roles. Inside a transaction, call repo.updateUser and forget after the commit.
 */
async function updateUser(ctx: AppContext, userId: string, patch: Parameters<typeof repo.updateUser>[2]) {
  await repo.updateUser(ctx.db, userId, patch);
  forgetUserSessions(ctx, userId);
}

export type RegistrationStep = 'account' | 'profile' | 'preferences' | 'membership';

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
          search_first: input.firstName ? compactText(input.firstName) : null,
          search_last: input.lastName ? compactText(input.lastName) : null,
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

export async function saveProfile(ctx: AppContext, userId: string, input: ProfileInput) {
  await loadUser(ctx, userId);
  await updateUser(ctx, userId, {
    first_name: input.firstName,
    last_name: input.lastName,
    search_first: compactText(input.firstName),
    search_last: compactText(input.lastName),
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
    // Encrypted at rest like ID photos: a copy of the database alone shows no one's face.
    profile_picture: ctx.secrets.encrypt(jpeg),
    profile_picture_type: 'image/jpeg',
    updated_at: ctx.now().toISOString(),
  });
}

export async function profilePicture(ctx: AppContext, userId: string) {
  const u = await loadUser(ctx, userId);
  if (!u.profile_picture) throw notFound();
  return { data: ctx.secrets.decrypt(u.profile_picture), type: u.profile_picture_type ?? 'image/jpeg' };
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

export async function findByLogin(ctx: AppContext, login: string) {
  return repo.findUserByLogin(ctx.db, login);
}

/** Whether the database holds any account (the demo loads on one that holds none). */
export async function hasAnyAccount(ctx: AppContext): Promise<boolean> {
  return repo.anyUserExists(ctx.db);
}
