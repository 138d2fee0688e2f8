import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, dayInput, isBoundedDay } from './day-input';
import { identifier, personName, secretText, text } from './text-input';

describe('the text type', () => {
  const line = text({ min: 1, max: 10 });
  it('stores NFC, trimmed, and counts characters after both', () => {
    expect(line.parse('  Gene\u0300ve ')).toBe('Genève');
    expect(line.safeParse('Genevie\u0300vez').success).toBe(true); // 11 code units, 10 characters in NFC
    expect(line.safeParse('   ').success).toBe(false);
  });
  it('refuses control characters, DEL, C1, line separators and lone surrogates', () => {
    for (const bad of ['a\u0000', 'a\u0007', 'a\n', 'a\t', 'a\u007F', 'a\u0085', 'a\u2028', 'a\uD800', '\uDC00a'])
      expect(line.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(line.safeParse('😀 ok').success).toBe(true);
  });
  it('lets a multi-line field hold tabs and line breaks, nothing else', () => {
    const area = text({ max: 100, multiline: true });
    expect(area.parse('un\r\ndeux\ttrois')).toBe('un\r\ndeux\ttrois');
    expect(area.safeParse('un\u0000').success).toBe(false);
  });
  it('refuses bidirectional controls and invisible characters in names, before trimming', () => {
    const name = personName({ min: 1, max: 80 });
    for (const bad of [
      'Ali\u202Ee',
      '\u2066A\u2069',
      'A\u200Bb',
      'A\u200Db',
      'A\u2060b',
      '\uFEFFAb',
      'A\u200Fb',
      'A\u00ADb',
    ])
      expect(name.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(name.parse(' Zoë Ó Briain-Lévesque ')).toBe('Zoë Ó Briain-Lévesque');
    // Outside names, an isolate may be someone's right-to-left text.
    expect(text({ max: 20 }).safeParse('\u2067שלום\u2069').success).toBe(true);
  });
  it('keeps a secret exactly as typed, but without control characters', () => {
    const password = secretText({ max: 50 });
    expect(password.parse(' Ge\u0301 ')).toBe(' Ge\u0301 ');
    expect(password.safeParse('pass\u0000word').success).toBe(false);
  });
  it('takes identifiers of one line', () => {
    expect(identifier().safeParse('').success).toBe(false);
    expect(identifier().safeParse('x'.repeat(65)).success).toBe(false);
    expect(identifier().parse('q1')).toBe('q1');
  });
});

describe('the day type', () => {
  it('takes real calendar days between 2000-01-01 and 2100-12-31', () => {
    for (const ok of ['2000-01-01', '2024-02-29', '2100-12-31']) expect(dayInput.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['1999-12-31', '2101-01-01', '9999-12-31', '2023-02-29', '2026-13-01', '+010000-01-01', ''])
      expect(isBoundedDay(bad), bad).toBe(false);
  });
  it('counts days across months, leap years and the end of the range', () => {
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(365);
    expect(daysBetween('2026-05-02', '2026-05-01')).toBe(-1);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-12-31', 0)).toBe('2100-12-31');
  });
});
