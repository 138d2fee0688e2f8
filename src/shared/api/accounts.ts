/** Replies of the accounts routes: the session, sign-in, registration, « Mon compte ». */
import { z } from 'zod';

const roles = ['learner', 'operator', 'manager', 'admin'] as const;
const capabilities = ['account.self', 'learning.self', 'desk.use', 'service_point.manage', 'admin.manage'] as const;

/** The signed-in user as every page knows them; `userCode` formatted (`ABCD-1234`). */
export const currentUser = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  userCode: z.string(),
  language: z.enum(['fr', 'en']),
  roles: z.array(z.enum(roles)),
  servicePoints: z.array(z.object({ id: z.string(), name: z.string(), timeZone: z.string() })),
  /** The service points this user manages (« Gestionnaire de point de service »). */
  managedServicePoints: z.array(z.object({ id: z.string(), name: z.string(), timeZone: z.string() })),
});
export type CurrentUser = z.infer<typeof currentUser>;

/** GET /api/session: who is signed in, what they may do, and this browser's registered workstation. */
export const sessionReply = z.object({
  csrfToken: z.string(),
  user: currentUser.nullable(),
  capabilities: z.array(z.enum(capabilities)),
  servicePointId: z.string().nullable(),
  /** On a demo instance: the demo accounts' password, shown on the sign-in page. */
  demo: z.object({ password: z.string() }).nullable(),
  workstation: z.object({ id: z.string(), name: z.string(), servicePointName: z.string() }).nullable(),
});
export type SessionReply = z.infer<typeof sessionReply>;

/** POST /api/auth/sign-in. The user code is not formatted here (the session's is). */
export const signInReply = z.object({ user: currentUser });
export type SignInReply = z.infer<typeof signInReply>;

/** POST /api/register: the new account's user code, formatted. */
export const registerReply = z.object({ userCode: z.string() });
export type RegisterReply = z.infer<typeof registerReply>;

export const membershipTypes = ['individual', 'corporate', 'student', 'none'] as const;

/** GET /api/account: « Mon compte » and which of the four registration steps are done. */
export const accountReply = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  userCode: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  hasPicture: z.boolean(),
  language: z.enum(['fr', 'en']),
  notifyEmail: z.boolean(),
  membershipType: z.enum(membershipTypes).nullable(),
  organisation: z.string().nullable(),
  steps: z.object({ account: z.boolean(), profile: z.boolean(), preferences: z.boolean(), membership: z.boolean() }),
});
export type AccountReply = z.infer<typeof accountReply>;
