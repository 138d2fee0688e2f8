import { describe, expect, it } from 'vitest';
import { addMonths, cardStatus } from './card-dates.js';

describe('card dates', () => {
  it('add months on the calendar, keeping the day or the month’s last day', () => {
    expect(addMonths('2026-03-10', 36)).toBe('2029-03-10');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('say valid up to the day before expiry, expired from it, revoked above all', () => {
    const card = { state: 'issued' as const, revoked_at: null, expires_on: '2029-03-10' };
    expect(cardStatus(card, '2029-03-09')).toBe('valid');
    expect(cardStatus(card, '2029-03-10')).toBe('expired');
    expect(cardStatus({ ...card, expires_on: null }, '2099-01-01')).toBe('valid');
    expect(cardStatus({ ...card, revoked_at: '2026-04-01T00:00:00.000Z' }, '2026-04-02')).toBe('revoked');
    expect(cardStatus({ ...card, state: 'awaiting_photo' }, '2026-04-02')).toBe('awaiting_photo');
  });
});
