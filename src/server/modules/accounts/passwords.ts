import { hash, verify } from '@node-rs/argon2';
import { foldText } from '../../../shared/text.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;

export type PasswordProblem = 'too_short' | 'too_common' | 'too_long';

/** Returns what is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, context: string[] = []): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > 256) return 'too_long';
  const folded = foldText(password);
  if (COMMON_PASSWORDS.has(folded)) return 'too_common';
  if (/^(.)\1+$/.test(password)) return 'too_common';
  if (/^(0123456789|1234567890|abcdefghij|azertyuiop|qwertyuiop)/i.test(password)) return 'too_common';
  for (const c of context) if (c.length >= 4 && folded === foldText(c)) return 'too_common';
  return null;
}

export const passwordProblemText: Record<PasswordProblem, { fr: string; en: string }> = {
  too_short: { fr: `au moins ${MIN_PASSWORD_LENGTH} caractères.`, en: `at least ${MIN_PASSWORD_LENGTH} characters.` },
  too_long: { fr: '256 caractères au maximum.', en: '256 characters at most.' },
  too_common: {
    fr: 'ce mot de passe est trop courant ; choisissez-en un autre.',
    en: 'this password is too common; choose another one.',
  },
};

const options = { algorithm: 2 /* Argon2id */ as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which accounts exist. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('vigie-dummy-password-for-timing');
  return dummy;
}
