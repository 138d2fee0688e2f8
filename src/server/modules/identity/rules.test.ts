import { describe, expect, it } from 'vitest';
import {
  checkIdentity,
  formatNumber,
  healthCheckDigit,
  maskNumber,
  nameLetters,
  normalizeNumber,
  type IdentityInput,
} from './rules.js';

const TODAY = '2026-03-15';

function health(number: string, dateOfBirth: string, name?: [string, string]) {
  const input: IdentityInput = {
    documentType: 'health',
    number,
    dateOfBirth,
    firstName: name?.[0] ?? null,
    lastName: name?.[1] ?? null,
    today: TODAY,
  };
  return checkIdentity(input);
}

function licence(number: string, dateOfBirth: string, name?: [string, string]) {
  return checkIdentity({
    documentType: 'licence',
    number,
    dateOfBirth,
    firstName: name?.[0] ?? null,
    lastName: name?.[1] ?? null,
    today: TODAY,
  });
}

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('health-insurance number (RAMQ): every vector of IDENTITY.md §1', () => {
  const valid: Array<[string, string, string, [string, string] | undefined]> = [
    ['Marie Tremblay', '1985-07-23', 'TREM 8557 2313', ['Marie', 'Tremblay']],
    ['Marie Tremblay (letter twin mark)', '1985-07-23', 'TREM 8557 23A5', ['Marie', 'Tremblay']],
    ['Éric Gagnon', '2004-02-29', 'GAGE 0402 2914', ['Éric', 'Gagnon']],
    ['Lan Ng', '2001-11-05', 'NGXL 0161 0522', ['Lan', 'Ng']],
    ['Émile Côté', '1978-03-09', 'COTE 7803 0915', ['Émile', 'Côté']],
    ['Jean Sainte-Marie', '1990-02-14', 'STMJ 9002 1410', ['Jean', 'Sainte-Marie']],
    ['Luc D’Amour', '1962-12-01', 'DAML 6212 0111', ['Luc', 'D’Amour']],
    ["Luc D'Amour (straight apostrophe)", '1962-12-01', 'DAML 6212 0111', ['Luc', "D'Amour"]],
    ['Anne Roy', '1924-03-15', 'ROYA 2453 1513', ['Anne', 'Roy']],
    ['(any) 2004', '2004-12-19', 'TREM 0412 1925', undefined],
    ['(any) 1904', '1904-12-19', 'TREM 0412 1916', undefined],
  ];
  it.each(valid)('%s, born %s: %s is valid, without any warning', (_who, born, nam, name) => {
    const v = health(nam, born, name);
    expect(v.errors).toEqual([]);
    expect(v.mismatch).toBeNull();
    expect(v.warnings).toEqual([]);
    expect(v.masked).toBe(`•••• •••• ••${nam.slice(-2)}`);
  });

  it('(any) 2004-12-19, TREM 0412 1935: the check digit fails (a warning asking to re-type)', () => {
    const v = health('TREM 0412 1935', '2004-12-19');
    expect(v.errors).toEqual([]);
    expect(v.mismatch).toBeNull();
    expect(codes(v.warnings)).toEqual(['health_check_digit']);
  });

  it('Marie Tremblay 1985-07-24, TREM 8557 2313: the date of birth disagrees (override needed), check digit fine', () => {
    const v = health('TREM 8557 2313', '1985-07-24', ['Marie', 'Tremblay']);
    expect(v.errors).toEqual([]);
    expect(v.mismatch).toEqual({
      code: 'health_birth_date_mismatch',
      field: 'dateOfBirth',
      params: { numberDate: '85-07-23', birthDate: '1985-07-24' },
    });
    expect(v.warnings).toEqual([]);
  });

  it('Marie Tremblay 1885-07-23, TREM 8557 2313: the check digit fails (wrong century)', () => {
    // 1885 is before 1900, so that date is also refused on its own; the check digit tells the century.
    const v = health('TREM 8557 2313', '1885-07-23', ['Marie', 'Tremblay']);
    expect(v.mismatch).toBeNull();
    expect(codes(v.warnings)).toEqual(['health_check_digit']);
    expect(codes(v.errors)).toEqual(['birth_date_before_1900']);
    expect(healthCheckDigit('TREM85572313', 1885)).not.toBe(3);
    expect(healthCheckDigit('TREM85572313', 1985)).toBe(3);
  });

  it('Marie Tremblay 1985-07-23, TREM 8557 2314: the check digit fails', () => {
    const v = health('TREM 8557 2314', '1985-07-23', ['Marie', 'Tremblay']);
    expect(v.errors).toEqual([]);
    expect(v.mismatch).toBeNull();
    expect(codes(v.warnings)).toEqual(['health_check_digit']);
  });

  it('TREM 8513 2313: month 13 is impossible (refused)', () => {
    const v = health('TREM 8513 2313', '1985-07-23', ['Marie', 'Tremblay']);
    expect(v.errors).toEqual([{ code: 'health_month', field: 'number', params: { month: '13' } }]);
  });

  it('accepts the month with or without 50 added, never asking for sex', () => {
    // Same person, same date, the month written as 07 or 57: only the check digit (which encodes M/F) differs.
    const male = health('TREM 8507 2313', '1985-07-23', ['Marie', 'Tremblay']);
    expect(male.errors).toEqual([]);
    expect(male.mismatch).toBeNull();
    expect(codes(male.warnings)).toEqual(['health_check_digit']);
  });

  it('refuses months 00, 50 and 63, and a date that does not exist (29 February of a common year, 31 April)', () => {
    for (const m of ['00', '50', '63', '99'])
      expect(codes(health(`TREM 85${m} 2313`, '1985-07-23').errors)).toEqual(['health_month']);
    expect(health('GAGE 0302 2914', '2003-02-28').errors).toEqual([
      { code: 'health_date', field: 'number', params: { date: '03-02-29' } },
    ]);
    expect(codes(health('TREM 8554 3113', '1985-04-30').errors)).toEqual(['health_date']);
    // 29 February 2000 exists (leap century), 1900 does not.
    expect(health('TREM 0052 2915', '2000-02-29').errors).toEqual([]);
    expect(codes(health('TREM 0052 2915', '1900-02-28').errors)).toEqual(['health_date']);
  });

  it('explains what is wrong with the format', () => {
    expect(health('TREM 8557 231', '1985-07-23').errors).toEqual([
      { code: 'health_length', field: 'number', params: { length: '11' } },
    ]);
    expect(codes(health('TRE1 8557 2313', '1985-07-23').errors)).toEqual(['health_letters']);
    expect(codes(health('TREM 85A7 2313', '1985-07-23').errors)).toEqual(['health_digits']);
    expect(codes(health('TREM 8557 231A', '1985-07-23').errors)).toEqual(['health_digits']);
    expect(codes(health('TREM.8557.2313', '1985-07-23').errors)).toEqual(['number_characters']);
    expect(codes(health('', '1985-07-23').errors)).toEqual(['health_length']);
    expect(health('TREM 8557 2313', '1985-07-23').masked).toBe('•••• •••• ••13');
    expect(health('TREM 85A7 2313', '1985-07-23').masked).toBeNull();
  });

  it('normalises case, spaces and dashes', () => {
    expect(normalizeNumber(' trem-8557 2313 ')).toBe('TREM85572313');
    expect(health('trem85572313', '1985-07-23', ['Marie', 'Tremblay']).warnings).toEqual([]);
  });

  it('warns when the letters do not agree with the learner’s name, saying which letters were expected', () => {
    const v = health('TREM 8557 2313', '1985-07-23', ['Marie', 'Lavigne']);
    expect(v.errors).toEqual([]);
    expect(v.warnings).toEqual([
      { code: 'health_name_letters', field: 'number', params: { found: 'TREM', expected: 'LAVM' } },
    ]);
  });

  it('warns on a 0, I or O as the 11th character (twins are 1–9 or another letter)', () => {
    expect(codes(health('TREM 8557 2303', '1985-07-23').warnings)).toContain('health_twin_mark');
  });

  it('builds the name letters: accents, SAINT/SAINTE/STE, non-letters, X padding', () => {
    expect(nameLetters('Tremblay', 'Marie')).toBe('TREM');
    expect(nameLetters('Côté', 'Émile')).toBe('COTE');
    expect(nameLetters('Ng', 'Lan')).toBe('NGXL');
    expect(nameLetters('Sainte-Marie', 'Jean')).toBe('STMJ');
    expect(nameLetters('Saint-Pierre', 'Anne')).toBe('STPA');
    expect(nameLetters('Saint Pierre', 'Anne')).toBe('STPA');
    expect(nameLetters('Ste-Croix', 'Luc')).toBe('STCL');
    expect(nameLetters('St-Onge', 'Luc')).toBe('STOL');
    expect(nameLetters('D’Amour', 'Luc')).toBe('DAML');
    expect(nameLetters('Saintonge', 'Luc')).toBe('SAIL');
    expect(nameLetters('O', 'Éva')).toBe('OXXE');
  });

  it('masks and formats', () => {
    expect(maskNumber('health', 'TREM85572313')).toBe('•••• •••• ••13');
    expect(formatNumber('health', 'TREM85572313')).toBe('TREM 8557 2313');
  });
});

describe('date of birth', () => {
  it('refuses a date in the future, before 1900, or that does not exist', () => {
    expect(codes(health('TREM 8557 2313', '2026-03-16').errors)).toEqual(['birth_date_future']);
    expect(health('TREM 2603 1513', '2026-03-15').errors).toEqual([]);
    expect(codes(health('TREM 9957 2313', '1899-12-31').errors)).toEqual(['birth_date_before_1900']);
    expect(codes(health('TREM 8557 2313', '1985-02-30').errors)).toEqual(['birth_date_invalid']);
    expect(codes(health('TREM 8557 2313', '23/07/1985').errors)).toEqual(['birth_date_invalid']);
    expect(codes(licence('T6515-251280-01', '2030-01-01').errors)).toEqual(['birth_date_future']);
    expect(codes(licence('T6515-251280-01', '1850-01-01').errors)).toEqual(['birth_date_before_1900']);
  });

  it('reports the number’s errors and the date’s together, each on its field', () => {
    const v = health('TREM 85', '3000-01-01');
    expect(v.errors.map((e) => [e.code, e.field])).toEqual([
      ['health_length', 'number'],
      ['birth_date_future', 'dateOfBirth'],
    ]);
  });
});

describe('driver’s licence number (SAAQ): IDENTITY.md §2', () => {
  it('Jean Tremblay, born 1980-12-25: T6515-251280-01 passes with no warning', () => {
    const v = licence('T6515-251280-01', '1980-12-25', ['Jean', 'Tremblay']);
    expect(v.errors).toEqual([]);
    expect(v.mismatch).toBeNull();
    expect(v.warnings).toEqual([]);
    expect(v.masked).toBe('•••••-••••••-01');
    expect(formatNumber('licence', v.normalized)).toBe('T6515-251280-01');
  });

  it('with date of birth 1980-12-26: a warning that the date does not match (never refused)', () => {
    const v = licence('T6515-251280-01', '1980-12-26', ['Jean', 'Tremblay']);
    expect(v.errors).toEqual([]);
    expect(v.mismatch).toBeNull();
    expect(v.warnings).toEqual([
      { code: 'licence_birth_date', field: 'number', params: { found: '251280', expected: '261280' } },
    ]);
  });

  it('warns when the letter is not the surname’s initial', () => {
    const v = licence('G6515-251280-01', '1980-12-25', ['Jean', 'Tremblay']);
    expect(v.warnings).toEqual([{ code: 'licence_initial', field: 'number', params: { found: 'G', expected: 'T' } }]);
    expect(licence('C1234-090378-05', '1978-03-09', ['Émile', 'Côté']).warnings).toEqual([]);
  });

  it('has no check digit: any final digits pass', () => {
    for (const end of ['00', '01', '42', '99'])
      expect(licence(`T6515-251280-${end}`, '1980-12-25', ['Jean', 'Tremblay']).warnings).toEqual([]);
  });

  it('refuses the wrong format, saying what is wrong', () => {
    expect(licence('T6515-251280-0', '1980-12-25').errors).toEqual([
      { code: 'licence_length', field: 'number', params: { length: '12' } },
    ]);
    expect(codes(licence('66515-251280-01', '1980-12-25').errors)).toEqual(['licence_format']);
    expect(codes(licence('T6515-25128A-01', '1980-12-25').errors)).toEqual(['licence_format']);
    expect(codes(licence('T6515/251280/01', '1980-12-25').errors)).toEqual(['number_characters']);
    // A health number typed as a licence
    expect(codes(licence('TREM 8557 2313', '1985-07-23').errors)).toEqual(['licence_length']);
  });
});
