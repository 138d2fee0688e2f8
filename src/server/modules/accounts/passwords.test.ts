import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('password rules', () => {
  it('needs at least 10 characters', () => {
    expect(passwordProblem('court-9ch')).toBe('too_short');
    expect(passwordProblem('tangerine-lampadaire')).toBeNull();
  });

  it('refuses common passwords, whatever the case or accents', () => {
    expect(passwordProblem('Motdepasse123')).toBe('too_common');
    expect(passwordProblem('password1234')).toBe('too_common');
    expect(passwordProblem('aaaaaaaaaaaa')).toBe('too_common');
    expect(passwordProblem('1234567890')).toBe('too_common');
  });

  it('refuses the user name as password', () => {
    expect(passwordProblem('genevieve.lavigne', ['Genevieve.Lavigne'])).toBe('too_common');
  });

  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('tangerine-lampadaire');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(h, 'tangerine-lampadaire')).toBe(true);
    expect(await verifyPassword(h, 'tangerine-lampadairE')).toBe(false);
  });
});
