import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a code read aloud at a desk cannot be misheard or misread. */
export const USER_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const USER_CODE_LENGTH = 8;

export function generateUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/** `ABCD2345` → `ABCD-2345`. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Accepts `abcd-2345`, `ABCD 2345`, `abcd2345`; returns the stored form, or null when it cannot be a user code. */
export function parseUserCode(input: string): string | null {
  const c = input.toUpperCase().replace(/[\s-]/g, '');
  if (c.length !== USER_CODE_LENGTH) return null;
  for (const ch of c) if (!USER_CODE_ALPHABET.includes(ch)) return null;
  return c;
}
