/**
 * What a program can check in a Quebec health-insurance number (RAMQ) and a driver's licence number (SAAQ),
 * against the date of birth printed on the card and the learner's name. Pure: no I/O, no clock.
 *
 * Three kinds of findings (see shared/IDENTITY.md):
 * - errors: impossible input, refused (format, impossible date, date of birth in the future or before 1900);
 * - mismatch: the health number's date disagrees with the typed date of birth — refused unless the operator
 *   overrides it with a written reason;
 * - warnings: doubtful, shown to the operator who decides (check digit, name letters, licence date digits).
 * Sex is never asked for nor compared: the health number's month is accepted as month or month + 50.
 */

export type DocumentType = 'licence' | 'health';

export type IdentityIssueCode =
  // errors
  | 'number_characters'
  | 'health_length'
  | 'health_letters'
  | 'health_digits'
  | 'health_month'
  | 'health_date'
  | 'licence_length'
  | 'licence_format'
  | 'birth_date_invalid'
  | 'birth_date_future'
  | 'birth_date_before_1900'
  // needs an override with a written reason
  | 'health_birth_date_mismatch'
  // warnings
  | 'health_check_digit'
  | 'health_twin_mark'
  | 'health_name_letters'
  | 'licence_initial'
  | 'licence_birth_date';

export interface IdentityIssue {
  code: IdentityIssueCode;
  field: 'number' | 'dateOfBirth';
  params: Record<string, string>;
}

export interface IdentityVerdict {
  /** Upper-case, without spaces or dashes. */
  normalized: string;
  /** `•••• •••• ••13` / `•••••-••••••-01`, once the format is right. */
  masked: string | null;
  errors: IdentityIssue[];
  mismatch: IdentityIssue | null;
  warnings: IdentityIssue[];
}

export interface IdentityInput {
  documentType: DocumentType;
  number: string;
  /** As typed, expected YYYY-MM-DD. */
  dateOfBirth: string;
  firstName: string | null;
  lastName: string | null;
  /** Today's date (YYYY-MM-DD) where the check happens. */
  today: string;
}

const HEALTH_FORMAT = /^[A-Z]{4}[0-9]{6}[0-9A-Z][0-9]$/;
const LICENCE_FORMAT = /^[A-Z][0-9]{12}$/;
const WEIGHTS = [1, 3, 7, 9, 1, 7, 1, 3, 4, 5, 7, 6, 9, 1] as const;

/** Upper-case, spaces and dashes dropped (as printed: `TREM 8557 2313`, `T6515-251280-01`). */
export function normalizeNumber(raw: string): string {
  return raw.toUpperCase().replace(/[\s\-‐‑–]/g, '');
}

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '');
}

/** Surname letters of a health number: accents removed, SAINT-/SAINTE-/STE- → ST, letters only, padded with X. */
export function surnameLetters(lastName: string): string {
  const upper = stripAccents(lastName).toUpperCase().trim();
  const saint = upper.replace(/^(SAINTE|SAINT|STE)[\s\-‐‑–]+/, 'ST');
  return (saint.replace(/[^A-Z]/g, '') + 'XXX').slice(0, 3);
}

/** The four letters a health number should start with for this name. */
export function nameLetters(lastName: string, firstName: string): string {
  const initial =
    stripAccents(firstName)
      .toUpperCase()
      .replace(/[^A-Z]/g, '')[0] ?? 'X';
  return surnameLetters(lastName) + initial;
}

/** EBCDIC code of an upper-case letter or a digit. */
function ebcdic(ch: string): number {
  const c = ch.charCodeAt(0);
  if (ch >= '0' && ch <= '9') return 240 + (c - 48);
  if (ch >= 'A' && ch <= 'I') return 193 + (c - 65);
  if (ch >= 'J' && ch <= 'R') return 209 + (c - 74);
  if (ch >= 'S' && ch <= 'Z') return 226 + (c - 83);
  throw new Error(`no EBCDIC code for ${ch}`);
}

/**
 * The check digit of a health number: `LLLL YYYY S MM DD T` (14 characters) weighted 1 3 7 9 1 7 1 3 4 5 7 6 9 1,
 * summed as EBCDIC codes, modulo 10. `year` is the 4-digit year, so the digit also confirms the century.
 */
export function healthCheckDigit(normalized: string, year: number): number {
  const namMonth = Number(normalized.slice(6, 8));
  const female = namMonth > 50;
  const month = String(female ? namMonth - 50 : namMonth).padStart(2, '0');
  const s =
    normalized.slice(0, 4) +
    String(year).padStart(4, '0') +
    (female ? 'F' : 'M') +
    month +
    normalized.slice(8, 10) +
    normalized[10]!;
  let sum = 0;
  for (let i = 0; i < 14; i++) sum += ebcdic(s[i]!) * WEIGHTS[i]!;
  return sum % 10;
}

/**
 * What is kept and shown of a number: its last two characters, in the card's printed shape. Nothing of the
 * name letters nor of the date: those, with the last two characters, rebuild the whole number (issue 14).
 */
export function maskNumber(documentType: DocumentType, normalized: string): string {
  return documentType === 'health'
    ? `•••• •••• ••${normalized.slice(10, 12)}`
    : `•••••-••••••-${normalized.slice(11, 13)}`;
}

/** As printed on the card: `TREM 8557 2313`, `T6515-251280-01`. */
export function formatNumber(documentType: DocumentType, normalized: string): string {
  return documentType === 'health'
    ? `${normalized.slice(0, 4)} ${normalized.slice(4, 8)} ${normalized.slice(8, 12)}`
    : `${normalized.slice(0, 5)}-${normalized.slice(5, 11)}-${normalized.slice(11, 13)}`;
}

function isLeap(y: number) {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function dateExists(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Parses a typed date of birth; the issue when it is not a real date, in the future, or before 1900. */
export function checkBirthDate(
  value: string,
  today: string,
): { date: { y: number; m: number; d: number } | null; issue: IdentityIssue | null } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const field = 'dateOfBirth' as const;
  if (!m || !dateExists(Number(m[1]), Number(m[2]), Number(m[3])))
    return { date: null, issue: { code: 'birth_date_invalid', field, params: { value } } };
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  if (date.y < 1900) return { date, issue: { code: 'birth_date_before_1900', field, params: { value: iso } } };
  if (iso > today) return { date, issue: { code: 'birth_date_future', field, params: { value: iso } } };
  return { date, issue: null };
}

function healthFormatIssue(n: string): IdentityIssue | null {
  const field = 'number' as const;
  if (/[^A-Z0-9]/.test(n)) return { code: 'number_characters', field, params: {} };
  if (n.length !== 12) return { code: 'health_length', field, params: { length: String(n.length) } };
  if (!/^[A-Z]{4}/.test(n)) return { code: 'health_letters', field, params: {} };
  if (!HEALTH_FORMAT.test(n)) return { code: 'health_digits', field, params: {} };
  return null;
}

function checkHealth(input: IdentityInput, n: string, birth: ReturnType<typeof checkBirthDate>, v: IdentityVerdict) {
  const formatIssue = healthFormatIssue(n);
  if (formatIssue) {
    v.errors.push(formatIssue);
    return;
  }
  v.masked = maskNumber('health', n);
  const yy = Number(n.slice(4, 6));
  const namMonth = Number(n.slice(6, 8));
  const dd = Number(n.slice(8, 10));
  if (!((namMonth >= 1 && namMonth <= 12) || (namMonth >= 51 && namMonth <= 62))) {
    v.errors.push({ code: 'health_month', field: 'number', params: { month: n.slice(6, 8) } });
    return;
  }
  const month = namMonth > 50 ? namMonth - 50 : namMonth;
  // The century comes from the typed date of birth when it agrees on the two digits; otherwise the most
  // recent year not in the future (the date mismatch is reported anyway).
  const todayYear = Number(input.today.slice(0, 4));
  const year = birth.date && birth.date.y % 100 === yy ? birth.date.y : 2000 + yy <= todayYear ? 2000 + yy : 1900 + yy;
  if (!dateExists(year, month, dd)) {
    v.errors.push({
      code: 'health_date',
      field: 'number',
      params: { date: `${n.slice(4, 6)}-${two(month)}-${two(dd)}` },
    });
    return;
  }
  // A date of birth before 1900 or in the future is refused on its own, but still compared: the operator sees
  // everything at once (the check digit, which encodes the century, tells which of the two was mistyped).
  const b = birth.date;
  if (b && (b.y % 100 !== yy || b.m !== month || b.d !== dd)) {
    v.mismatch = {
      code: 'health_birth_date_mismatch',
      field: 'dateOfBirth',
      params: { numberDate: `${n.slice(4, 6)}-${two(month)}-${two(dd)}`, birthDate: `${b.y}-${two(b.m)}-${two(b.d)}` },
    };
  }
  const twin = n[10]!;
  if (twin === '0' || twin === 'I' || twin === 'O')
    v.warnings.push({ code: 'health_twin_mark', field: 'number', params: { char: twin } });
  if (healthCheckDigit(n, year) !== Number(n[11]))
    v.warnings.push({ code: 'health_check_digit', field: 'number', params: {} });
  if (input.lastName && input.firstName) {
    const expected = nameLetters(input.lastName, input.firstName);
    if (expected !== n.slice(0, 4))
      v.warnings.push({ code: 'health_name_letters', field: 'number', params: { found: n.slice(0, 4), expected } });
  }
}

function checkLicence(input: IdentityInput, n: string, birth: ReturnType<typeof checkBirthDate>, v: IdentityVerdict) {
  if (/[^A-Z0-9]/.test(n)) {
    v.errors.push({ code: 'number_characters', field: 'number', params: {} });
    return;
  }
  if (n.length !== 13) {
    v.errors.push({ code: 'licence_length', field: 'number', params: { length: String(n.length) } });
    return;
  }
  if (!LICENCE_FORMAT.test(n)) {
    v.errors.push({ code: 'licence_format', field: 'number', params: {} });
    return;
  }
  v.masked = maskNumber('licence', n);
  if (input.lastName) {
    const initial = stripAccents(input.lastName)
      .toUpperCase()
      .replace(/[^A-Z]/g, '')[0];
    if (initial && initial !== n[0])
      v.warnings.push({ code: 'licence_initial', field: 'number', params: { found: n[0]!, expected: initial } });
  }
  if (birth.date) {
    const b = birth.date;
    const expected = `${two(b.d)}${two(b.m)}${two(b.y % 100)}`;
    const found = n.slice(5, 11);
    if (found !== expected)
      v.warnings.push({ code: 'licence_birth_date', field: 'number', params: { found, expected } });
  }
}

/** Every finding for one typed number and date of birth. */
export function checkIdentity(input: IdentityInput): IdentityVerdict {
  const normalized = normalizeNumber(input.number);
  const v: IdentityVerdict = { normalized, masked: null, errors: [], mismatch: null, warnings: [] };
  const birth = checkBirthDate(input.dateOfBirth, input.today);
  if (input.documentType === 'health') checkHealth(input, normalized, birth, v);
  else checkLicence(input, normalized, birth, v);
  if (birth.issue) v.errors.push(birth.issue);
  return v;
}
