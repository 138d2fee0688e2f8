import { describe, expect, it } from 'vitest';
import { dayTakesIrregularities, mayDateIrregularity } from './desk-care';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('when an irregularity may be dated', () => {
  const now = new Date('2026-03-20T15:00:00Z');

  it('from now back to 7 days, and a clock up to 5 minutes ahead', () => {
    expect(mayDateIrregularity(now, now)).toBe(true);
    expect(mayDateIrregularity(new Date(now.getTime() - 7 * DAY), now)).toBe(true);
    expect(mayDateIrregularity(new Date(now.getTime() - 7 * DAY - 1), now)).toBe(false);
    expect(mayDateIrregularity(new Date(now.getTime() + 5 * 60_000), now)).toBe(true);
    expect(mayDateIrregularity(new Date(now.getTime() + 5 * 60_000 + 1), now)).toBe(false);
  });

  it('a day of the service point holds such a moment: today and the 7 days before it, on its clocks', () => {
    // 11:00 in Toronto (UTC−4 that day).
    const tz = 'America/Toronto';
    expect(dayTakesIrregularities('2026-03-20', tz, now)).toBe(true);
    expect(dayTakesIrregularities('2026-03-13', tz, now)).toBe(true);
    expect(dayTakesIrregularities('2026-03-12', tz, now)).toBe(false);
    expect(dayTakesIrregularities('2026-03-21', tz, now)).toBe(false);
    // Five minutes before midnight in Toronto, tomorrow is within the clock's margin.
    expect(dayTakesIrregularities('2026-03-21', tz, new Date('2026-03-21T03:55:00Z'))).toBe(true);
    expect(dayTakesIrregularities('2026-03-21', tz, new Date('2026-03-21T03:54:59Z'))).toBe(false);
    // The 13th ends at 04:00 UTC on the 14th: a week later to the millisecond, it no longer holds one.
    expect(dayTakesIrregularities('2026-03-13', tz, new Date('2026-03-21T03:59:59Z'))).toBe(true);
    expect(dayTakesIrregularities('2026-03-13', tz, new Date('2026-03-21T04:00:00Z'))).toBe(false);
  });
});
