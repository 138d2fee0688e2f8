import { describe, expect, it } from 'vitest';
import { retakeRefusal } from './retakes.js';

const now = new Date('2026-12-07T15:00:00.000Z');

describe('retakes', () => {
  it('allows a retake below the maximum with no wait', () => {
    expect(
      retakeRefusal({ maxAttempts: 3, waitDays: 0 }, { ended: 2, lastEndedAt: '2026-12-07T14:00:00.000Z' }, now),
    ).toBeNull();
  });

  it('refuses at the maximum, naming it', () => {
    expect(retakeRefusal({ maxAttempts: 3, waitDays: 0 }, { ended: 3, lastEndedAt: null }, now)).toEqual({
      rule: 'max_attempts',
      maxAttempts: 3,
      attempts: 3,
    });
  });

  it('refuses during the waiting days, saying until when, and allows after', () => {
    const rules = { maxAttempts: 5, waitDays: 7 };
    expect(retakeRefusal(rules, { ended: 1, lastEndedAt: '2026-12-05T10:00:00.000Z' }, now)).toEqual({
      rule: 'wait',
      waitDays: 7,
      until: '2026-12-12T10:00:00.000Z',
    });
    expect(retakeRefusal(rules, { ended: 1, lastEndedAt: '2026-11-29T10:00:00.000Z' }, now)).toBeNull();
  });
});
