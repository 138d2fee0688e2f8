import { describe, expect, it } from 'vitest';
import { FIRST_WAIT_MS, FREE_FAILURES, MAX_WAIT_MS, throttled, waitAfter } from './sign-in-throttle.js';

describe('sign-in throttle (per account and address)', () => {
  it('lets the first failures through, then doubles the wait, capped', () => {
    expect(waitAfter(FREE_FAILURES - 1)).toBe(0);
    expect(waitAfter(FREE_FAILURES)).toBe(FIRST_WAIT_MS);
    expect(waitAfter(FREE_FAILURES + 1)).toBe(2 * FIRST_WAIT_MS);
    expect(waitAfter(FREE_FAILURES + 3)).toBe(8 * FIRST_WAIT_MS);
    expect(waitAfter(FREE_FAILURES + 40)).toBe(MAX_WAIT_MS);
  });

  it('waits from the last failure', () => {
    const last = new Date('2026-12-07T10:00:00Z');
    const after = (ms: number) => new Date(last.getTime() + ms);
    const recent = { count: FREE_FAILURES + 1, lastAt: last.toISOString() };
    expect(throttled(recent, after(2 * FIRST_WAIT_MS - 1))).toBe(true);
    expect(throttled(recent, after(2 * FIRST_WAIT_MS))).toBe(false);
    expect(throttled({ count: 0, lastAt: null }, last)).toBe(false);
  });
});
