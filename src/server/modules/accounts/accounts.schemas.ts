import { z } from 'zod';
import { membershipTypes } from '../../../shared/api/accounts.js';
import { filePart } from '../../../shared/api/common.js';
import type { CurrentUser, SessionReply } from '../../../shared/api/accounts.js';
import type { Capability, Role } from '../../policies.js';
import { identifier, personName, secretText, text } from '../../../shared/text-input.js';

// The replies: one home, src/shared/api/ (the web imports their types from there).
export { accountReply, registerReply, sessionReply, signInReply } from '../../../shared/api/accounts.js';
export { binaryReply, okReply } from '../../../shared/api/common.js';

// The wire's roles and capabilities are policies.ts's own: a new one fails to compile here until the reply has it.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameRoles: Same<CurrentUser['roles'][number], Role> = true;
const _sameCapabilities: Same<SessionReply['capabilities'][number], Capability> = true;

/** POST /api/account/profile/picture: one `picture` file, an image of 2 MB at most (saved as JPEG). */
export const pictureParts = z.object({ picture: filePart });

export const usernameSchema = text({ min: 3, max: 40 }).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only');

export const registerBody = z.object({
  username: usernameSchema,
  email: text({ max: 254 }).pipe(z.email()),
  password: secretText({ max: 256 }),
});

/** « Mon compte » once registered: a new e-mail or password needs the current password. */
export const accountBody = registerBody.extend({
  password: registerBody.shape.password.optional(),
  currentPassword: secretText({ max: 256 }).optional(),
});

export const signInBody = z.object({
  login: text({ min: 1, max: 254 }),
  password: secretText({ min: 1, max: 256 }),
  remember: z.boolean().default(false),
});

export const profileBody = z.object({
  firstName: personName({ min: 1, max: 80 }),
  lastName: personName({ min: 1, max: 80 }),
});

export const preferencesBody = z.object({
  language: z.enum(['fr', 'en']),
  notifyEmail: z.boolean(),
});

export const membershipBody = z.object({
  membershipType: z.enum(membershipTypes),
  organisation: personName({ max: 120 }).default(''),
});

export const forgotBody = z.object({ login: text({ min: 1, max: 254 }) });
export const resetBody = z.object({
  token: secretText({ min: 10, max: 200 }),
  password: secretText({ max: 256 }),
});
export const servicePointBody = z.object({ servicePointId: identifier() });

export type RegisterInput = z.infer<typeof registerBody>;
export type SignInInput = z.infer<typeof signInBody>;
export type ProfileInput = z.infer<typeof profileBody>;
export type PreferencesInput = z.infer<typeof preferencesBody>;
export type MembershipInput = z.infer<typeof membershipBody>;

/** « Comptes » and the account search of « Opérateurs ». */
export const accountListQuery = z.object({
  q: text({ max: 120 }).default(''),
  sort: z.enum(['name', 'created']).default('name'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export const accountParams = z.object({ userId: identifier() });
