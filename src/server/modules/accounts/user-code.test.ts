import { describe, expect, it } from 'vitest';
import { USER_CODE_ALPHABET, formatUserCode, generateUserCode, parseUserCode } from './user-code.js';

describe('user code', () => {
  it('never uses look-alike characters', () => {
    for (const ch of '0O1IL') expect(USER_CODE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 2000; i++) expect(generateUserCode()).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  });

  it('is practically unique over many draws', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(generateUserCode());
    expect(seen.size).toBe(50_000);
  });

  it('is shown XXXX-XXXX and read back with or without its dash, any case', () => {
    expect(formatUserCode('ABCD2345')).toBe('ABCD-2345');
    expect(parseUserCode('abcd-2345')).toBe('ABCD2345');
    expect(parseUserCode('ABCD 2345')).toBe('ABCD2345');
    expect(parseUserCode('ABCD-234O')).toBeNull();
    expect(parseUserCode('ABC')).toBeNull();
  });
});
