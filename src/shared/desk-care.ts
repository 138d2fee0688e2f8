import { addDays, localInstant } from './day-input.js';

/** « Mesures d'adaptation »: extra time (+25 %, +50 %, a number of minutes) or a separate room. */
export const accommodationKinds = ['extra_25', 'extra_50', 'extra_minutes', 'separate_room'] as const;
/** « Signaler une irrégularité »: comportement, technique, identité, autre. */
export const irregularityCategories = ['behaviour', 'technical', 'identity', 'other'] as const;

/**
 * When an irregularity may be dated: during the day it happened or in the 7 days after (it is reported then,
 * not weeks later), and not in the future — a clock a little ahead of the server's is not « in the future ».
 * The server refuses any other `occurredAt` (400); a « Bilan de la journée » offers the button only on a day
 * that holds such a moment.
 */
export const IRREGULARITY_MAX_AGE_DAYS = 7;
const MAX_AGE_MS = IRREGULARITY_MAX_AGE_DAYS * 86_400_000;
const CLOCK_SKEW_MS = 5 * 60_000;

/** Whether an irregularity may be dated `occurredAt`, `now`. */
export function mayDateIrregularity(occurredAt: Date, now: Date): boolean {
  const age = now.getTime() - occurredAt.getTime();
  return age >= -CLOCK_SKEW_MS && age <= MAX_AGE_MS;
}

/**
 * Whether `day` (from its first instant to the next day's, on the clocks of `timeZone`) holds a moment
 * `mayDateIrregularity` accepts, `now`.
 */
export function dayTakesIrregularities(day: string, timeZone: string, now: Date): boolean {
  const start = Date.parse(localInstant(day, '00:00', timeZone));
  const end = Date.parse(localInstant(addDays(day, 1), '00:00', timeZone));
  return start <= now.getTime() + CLOCK_SKEW_MS && end > now.getTime() - MAX_AGE_MS;
}
