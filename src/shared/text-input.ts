import { z } from 'zod';

/**
 * The one text type of every string a request carries (bodies, querystrings, path parameters, multipart
 * fields). Both databases must store the same thing or refuse the same thing: PostgreSQL cannot store a NUL
 * (it answered 500) while SQLite kept it, so what either would take differently is refused here, as a 400
 * naming the field, before any query runs.
 *
 * - NFC: « é » typed as e + combining accent is stored, searched and printed as the one character.
 * - No C0 or C1 control character, DEL, or line/paragraph separator; a multi-line field (a reason typed in
 *   a text area) accepts tab, line feed and carriage return, nothing else.
 * - No lone surrogate: not text; each driver would turn it into something else.
 * - Person names (printed on cards, shown on the public verification page) also refuse bidirectional
 *   overrides, isolates and marks, and zero-width or otherwise invisible characters, which make a name read
 *   differently from what it holds (« Ali\u202Eecnarf »).
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- likewise
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Bidirectional controls (U+061C, U+200E–200F, U+202A–202E, U+2066–2069) and invisible characters. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

export interface TextOptions {
  max: number;
  min?: number;
  /** Tab and line breaks allowed (a text area). */
  multiline?: boolean;
  /** Leading and trailing white space removed (the default). */
  trim?: boolean;
}

/** True when `s` holds no character the text type refuses (control characters, lone surrogates). */
export function isCleanText(s: string, multiline = false): boolean {
  return !(multiline ? CONTROL_BUT_LINES : CONTROL).test(s) && !LONE_SURROGATE.test(s);
}

/** True when a name holds no bidirectional control and no invisible character. */
export function isVisibleName(s: string): boolean {
  return !INVISIBLE.test(s);
}

/**
 * A text field: NFC, trimmed, `min`..`max` characters, no control characters (see above). Characters are
 * checked before trimming: JavaScript's trim removes U+FEFF, and a name is refused for it, not silently cut.
 */
export function text(opts: TextOptions) {
  return build(opts, (v) => isCleanText(v, opts.multiline), 'control characters');
}

/** A person's name or anything printed on a card or shown publicly: text, and every character visible. */
export function personName(opts: Omit<TextOptions, 'multiline'>) {
  return build(opts, (v) => isCleanText(v) && isVisibleName(v), 'control, invisible or bidirectional characters');
}

function build(opts: TextOptions, accept: (v: string) => boolean, refused: string) {
  let s = z.string().refine(accept, { message: refused }).normalize('NFC');
  if (opts.trim !== false) s = s.trim();
  if (opts.min !== undefined) s = s.min(opts.min);
  return s.max(opts.max);
}

/**
 * An identifier from a path, a query or a body (ids are random text; items and choices are named by the
 * exam's author): one line, no spaces at either end, at most `max` characters.
 */
export function identifier(max = 64) {
  return text({ min: 1, max });
}

/**
 * A password or a token: exactly as typed (never normalised or trimmed, or a stored hash would no longer
 * match), but still no control characters.
 */
export function secretText(opts: { max: number; min?: number }) {
  let s = z.string();
  if (opts.min !== undefined) s = s.min(opts.min);
  return s.max(opts.max).refine((v) => isCleanText(v), { message: 'control characters' });
}
