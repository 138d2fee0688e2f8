import { z } from 'zod';

/**
 * The one date type of every request that names a day (YYYY-MM-DD). A day from the outside is a real
 * calendar day between FIRST_DAY and LAST_DAY: the summary once looped forever on 9999-12-31, whose next day
 * (`+010000-01-01`) sorts before it. Loops over days count days (daysBetween) and are bounded by the caller.
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2100-12-31';
const DAY_MS = 86_400_000;

/** A YYYY-MM-DD that is a real calendar day (no 2023-02-29, no 2026-13-01). */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A real calendar day within FIRST_DAY..LAST_DAY. */
export function isBoundedDay(s: string): boolean {
  return isCalendarDay(s) && s >= FIRST_DAY && s <= LAST_DAY;
}

/** Days from `from` to `to` (negative when `to` comes first). Both must be calendar days. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC instant (ISO) at which `day` reads `time` (HH:MM) on the clocks of `timeZone`. */
export function localInstant(day: string, time: string, timeZone: string): string {
  const guess = Date.parse(`${day}T${time}:00Z`);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  // How far the zone's clocks are ahead of UTC at `t`; asked twice, so an offset that changes that day is right.
  const offsetAt = (t: number) => {
    const parts = format.formatToParts(new Date(t));
    const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - t;
  };
  return new Date(guess - offsetAt(guess - offsetAt(guess))).toISOString();
}

/** The schema of a day parameter. */
export const dayInput = z
  .string()
  .max(10)
  .refine(isBoundedDay, { message: `YYYY-MM-DD, ${FIRST_DAY}..${LAST_DAY}` });
