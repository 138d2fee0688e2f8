/**
 * Whether an override reason carries the identity number or a date of birth. The reason goes to the
 * hash-chained audit log, kept for ever: whatever slips through cannot be taken out again. So the check is
 * generous: it reads the text as a person would (full-width digits, any separators between digit groups,
 * dates written day-first, month-first, year-first, with the month in letters).
 */

/** A date as three numbers. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

// prettier-ignore
const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1, january: 1,
  fevrier: 2, fevr: 2, fev: 2, february: 2, feb: 2,
  mars: 3, march: 3, mar: 3,
  avril: 4, avr: 4, april: 4, apr: 4,
  mai: 5, may: 5,
  juin: 6, june: 6, jun: 6,
  juillet: 7, juil: 7, july: 7, jul: 7,
  aout: 8, august: 8, aug: 8,
  septembre: 9, sept: 9, sep: 9, september: 9,
  octobre: 10, oct: 10, october: 10,
  novembre: 11, nov: 11, november: 11,
  decembre: 12, dec: 12, december: 12,
};

/** NFKC (full-width digits become ASCII), accents dropped, lower case, month names as numbers, « 1er » as 1. */
function readable(text: string): string {
  const folded = text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // Digits of other scripts (Arabic-Indic, Devanagari…) read as digits too.
    .replace(/\p{Nd}/gu, (c) => (/[0-9]/.test(c) ? c : String(digitValue(c))));
  return folded
    .replace(/\b(\d{1,2})(?:er|re|st|nd|rd|th)\b/g, '$1')
    .replace(/\p{L}+/gu, (w) => (w in MONTHS ? ` ${MONTHS[w]} ` : w));
}

/** The value of a decimal digit of any script (its code point's offset from the script's zero). */
function digitValue(c: string): number {
  const cp = c.codePointAt(0)!;
  for (let zero = cp; zero > cp - 10; zero--) {
    if (!/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return cp - zero;
  }
  return 0;
}

/** Digit groups joined across any separators that are not letters (`8557.2313`, `855 723 13`, `8557/2313`). */
function digitRuns(text: string): string[] {
  return (text.match(/\d(?:[^\p{L}\d]{0,3}\d)*/gu) ?? []).map((run) => run.replace(/\D/g, ''));
}

/** Every three-number group written as a date (`24/07/1985`, `1985-07-24`, `24 7 85`), read every way. */
function datesIn(text: string): Ymd[] {
  const out: Ymd[] = [];
  const re = /(\d{1,4})[^\p{L}\d]{1,3}(\d{1,2})[^\p{L}\d]{1,3}(\d{1,4})/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    re.lastIndex = m.index + m[1]!.length; // overlapping groups: « 12 24 07 1985 »
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    out.push({ y: a, m: b, d: c }, { y: c, m: b, d: a }, { y: c, m: a, d: b });
  }
  return out;
}

const two = (n: number) => String(n).padStart(2, '0');

function sameDate(found: Ymd, date: Ymd): boolean {
  if (found.m !== date.m || found.d !== date.d) return false;
  return found.y === date.y || (found.y < 100 && found.y === date.y % 100);
}

/** Digit strings a date of birth is written as without separators. */
function compactForms(d: Ymd): string[] {
  const [y, yy, m, dd] = [String(d.y), two(d.y % 100), two(d.m), two(d.d)];
  return [`${y}${m}${dd}`, `${dd}${m}${y}`, `${m}${dd}${y}`, `${yy}${m}${dd}`, `${dd}${m}${yy}`, `${m}${dd}${yy}`];
}

/**
 * Whether `reason` holds one of `digits` (digit groups of the typed number, six or more digits), or one of
 * `dates` (the typed date of birth and the one the number encodes) in any common form.
 */
export function reasonLeaks(reason: string, digits: string[], dates: Ymd[]): boolean {
  const text = readable(reason);
  const runs = digitRuns(text);
  const forbidden = [...digits, ...dates.flatMap(compactForms)].filter((s) => s.length >= 6);
  if (runs.some((run) => forbidden.some((f) => run.includes(f)))) return true;
  return datesIn(text).some((found) => dates.some((d) => sameDate(found, d)));
}
