import { describe, expect, it } from 'vitest';
import { localInstant } from './day-input.js';

describe('localInstant: a time of a day on a service point’s clocks', () => {
  it('reads the zone’s offset of that day, summer and winter', () => {
    expect(localInstant('2026-12-07', '14:30', 'America/Toronto')).toBe('2026-12-07T19:30:00.000Z');
    expect(localInstant('2026-07-01', '00:00', 'America/Toronto')).toBe('2026-07-01T04:00:00.000Z');
    expect(localInstant('2026-07-01', '23:59', 'America/Vancouver')).toBe('2026-07-02T06:59:00.000Z');
  });

  it('on the days the clocks change, after the change', () => {
    expect(localInstant('2026-03-08', '12:00', 'America/Toronto')).toBe('2026-03-08T16:00:00.000Z');
    expect(localInstant('2026-11-01', '12:00', 'America/Toronto')).toBe('2026-11-01T17:00:00.000Z');
  });
});
