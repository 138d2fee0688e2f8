import { randomInt } from 'node:crypto';
import { USER_CODE_ALPHABET } from '../accounts/user-code.js';

/**
 * Card numbers: `VG-2026-ABCD-EFGH`. The year of success, then seven random characters from the
 * look-alike-free alphabet of user codes (no 0/O, 1/I/L) and one check character (weighted sum modulo 31), so a
 * number typed from a card with one wrong character or two swapped ones is recognised as a typo before any
 * lookup. 31^7 ≈ 2.8·10^10 numbers a year: guessing one is hopeless behind the verification rate limit.
 */
const ALPHABET = USER_CODE_ALPHABET;
const N = ALPHABET.length;
const RANDOM_LENGTH = 7;

/** Σ (i+1)·value(i) modulo 31. 31 is prime and the weights 1…8 are distinct and non-zero, so any single
 * wrong character and any swap of two different characters changes the sum. */
function weightedSum(chars: string): number {
  let sum = 0;
  for (let i = 0; i < chars.length; i++) sum += (i + 1) * ALPHABET.indexOf(chars[i]!);
  return sum % N;
}

/** The eighth character, making the weighted sum of all eight zero (8 · 4 ≡ 1 mod 31). */
export function checkCharacter(chars: string): string {
  return ALPHABET[(((N - weightedSum(chars)) % N) * 4) % N]!;
}

export function generateCardNumber(year: number): string {
  let body = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) body += ALPHABET[randomInt(N)];
  const full = body + checkCharacter(body);
  return `VG-${year}-${full.slice(0, 4)}-${full.slice(4)}`;
}

/**
 * Reads a number as typed or scanned (`vg 2026 abcd efgh`, `VG2026ABCDEFGH`…) and returns its printed form,
 * or null when it cannot be a card number (wrong shape, a character outside the alphabet, a failed check).
 */
export function parseCardNumber(input: string): string | null {
  const c = input.toUpperCase().replace(/[\s\-–—_.]/g, '');
  const m = /^VG(\d{4})([A-Z0-9]{8})$/.exec(c);
  if (!m) return null;
  const chars = m[2]!;
  for (const ch of chars) if (!ALPHABET.includes(ch)) return null;
  if (weightedSum(chars) !== 0) return null;
  return `VG-${m[1]}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
