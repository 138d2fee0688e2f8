import { describe, expect, it } from 'vitest';
import { formatRemaining, ServerClock } from './serverClock';

describe('the server clock', () => {
  it('follows the server’s time on the monotonic clock, from the sample with the shortest round trip', () => {
    const c = new ServerClock();
    c.observe('2026-05-01T10:00:00.000Z', 1000, 1400); // 400 ms round trip
    c.observe('2026-05-01T10:00:05.000Z', 6000, 6040); // 40 ms: the better sample
    expect(c.now(6020)).toBe(Date.parse('2026-05-01T10:00:05.000Z'));
    expect(c.now(66020)).toBe(Date.parse('2026-05-01T10:01:05.000Z'));
  });

  it('formats minutes and seconds, rounding up so 00:00 means time is up', () => {
    expect(formatRemaining(30 * 60_000)).toBe('30:00');
    expect(formatRemaining(90 * 60_000)).toBe('90:00');
    expect(formatRemaining(61_001)).toBe('01:02');
    expect(formatRemaining(400)).toBe('00:01');
    expect(formatRemaining(0)).toBe('00:00');
    expect(formatRemaining(-5000)).toBe('00:00');
  });
});
