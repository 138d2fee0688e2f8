import { z } from 'zod';

export const usernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only');

export const registerBody = z.object({
  username: usernameSchema,
  email: z.string().trim().max(254).pipe(z.email()),
  password: z.string().max(256),
});

export const signInBody = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  remember: z.boolean().default(false),
});

export const profileBody = z.object({
  firstName: z.string().trim().min(1).max(80),
  lastName: z.string().trim().min(1).max(80),
});

export const preferencesBody = z.object({
  language: z.enum(['fr', 'en']),
  notifyEmail: z.boolean(),
});

export const membershipTypes = ['individual', 'corporate', 'student', 'none'] as const;
export const membershipBody = z.object({
  membershipType: z.enum(membershipTypes),
  organisation: z.string().trim().max(120).default(''),
});

export const forgotBody = z.object({ login: z.string().trim().min(1).max(254) });
export const resetBody = z.object({ token: z.string().min(10).max(200), password: z.string().max(256) });
export const servicePointBody = z.object({ servicePointId: z.string().min(1).max(64) });

export type RegisterInput = z.infer<typeof registerBody>;
export type SignInInput = z.infer<typeof signInBody>;
export type ProfileInput = z.infer<typeof profileBody>;
export type PreferencesInput = z.infer<typeof preferencesBody>;
export type MembershipInput = z.infer<typeof membershipBody>;
