/**
 * Bidirectional controls (U+061C, U+200E–200F, U+202A–202E, U+2066–2069) and invisible characters (soft hyphen,
 * zero-width spaces and joiners, word joiner, BOM). In a name they make it read differently from what it holds
 * (« Ali\u202Eecnarf » shows as « Alifrance »).
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/**
 * What may be shown or printed of a stored text: without bidirectional controls or invisible characters, and
 * with control characters as spaces. New names refuse these at the schema; a name stored before, or an
 * imported title, is made harmless where it is drawn (the card PDF, the public verification page).
 */
export function visibleText(s: string): string {
  return s.replace(INVISIBLE, '').replace(/\p{Cc}/gu, ' ');
}
