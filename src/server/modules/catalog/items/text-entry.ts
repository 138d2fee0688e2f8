import type { TextEntry } from '../../../../shared/exam.js';

/**
 * How a typed answer is compared with a text entry's accepted answers (exam.ts TextEntry, docs/scoring.md):
 * a number is read with a comma or a point as decimal mark, spaces ignored, and right within the tolerance;
 * a text is right when equal after trimming and collapsing spaces, ignoring case and accents unless said.
 */
export const MAX_TYPED_LENGTH = 200;

/** The number a learner typed, or null when it is not one (« 1 234,5 », « -3 », « .5 »). */
export function typedNumber(typed: string): number | null {
  const compact = typed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(compact)) return null;
  const n = Number(compact);
  return Number.isFinite(n) ? n : null;
}

export function comparableText(s: string, rules: { caseSensitive?: boolean; accentSensitive?: boolean }): string {
  let out = s.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!rules.caseSensitive) out = out.toLocaleLowerCase('fr');
  if (!rules.accentSensitive) out = out.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  return out;
}

export function entryAccepts(entry: TextEntry, typed: string): boolean {
  if (entry.kind === 'number') {
    const n = typedNumber(typed);
    if (n === null) return false;
    // The small epsilon absorbs binary noise (0.1 + 0.2 against 0.3).
    const tolerance = (entry.tolerance ?? 0) + 1e-9;
    return entry.accepted.some((a) => Math.abs(n - a) <= tolerance);
  }
  const said = comparableText(typed, entry);
  return entry.accepted.some((a) => comparableText(a, entry) === said);
}
