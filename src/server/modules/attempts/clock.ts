/**
 * The exam clock's arithmetic, pure: the server's transitions and start-up call these, the tests check them.
 * A pause is a flag on an attempt in progress (`paused_at`): while it is set the countdown stands still at
 * `deadline − paused_at`; « Reprendre » moves the deadline by the paused time and adds it to `paused_ms`.
 * All times are ISO-8601 UTC texts.
 */

export interface Clock {
  deadlineAt: string;
  /** When the running pause began; null while the clock runs. */
  pausedAt: string | null;
  /** Pauses already ended, in milliseconds. */
  pausedMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** An extra-time accommodation (« Mesures d'adaptation »): +25 %, +50 % of the exam's duration, or minutes. */
export interface TimeAccommodation {
  kind: 'extra_25' | 'extra_50' | 'extra_minutes' | 'separate_room';
  minutes: number | null;
}

/**
 * The extra minutes the learner's accommodations give an exam of `durationMinutes`: the most generous one (they
 * are not added up: a learner granted +25 % and +50 % has +50 %), a percentage rounded up to the whole minute.
 */
export function extraMinutes(durationMinutes: number, accommodations: readonly TimeAccommodation[]): number {
  let best = 0;
  for (const a of accommodations) {
    const extra =
      a.kind === 'extra_25'
        ? Math.ceil(durationMinutes * 0.25)
        : a.kind === 'extra_50'
          ? Math.ceil(durationMinutes * 0.5)
          : a.kind === 'extra_minutes'
            ? (a.minutes ?? 0)
            : 0;
    best = Math.max(best, extra);
  }
  return best;
}

/** « Commencer » at `startedAt`: the deadline is the exam's duration plus the accommodation's extra minutes. */
export function startDeadline(startedAt: string, durationMinutes: number, extra: number): string {
  return iso(Date.parse(startedAt) + (durationMinutes + extra) * 60_000);
}

/** What the countdown shows at `now`: frozen at the pause's start while paused, never below zero. */
export function remainingMs(clock: Pick<Clock, 'deadlineAt' | 'pausedAt'>, now: string): number {
  const at = clock.pausedAt ?? now;
  return Math.max(0, Date.parse(clock.deadlineAt) - Date.parse(at));
}

/** « Mettre en pause » at `now`: the clock stops (an attempt already paused keeps its first pause's start). */
export function paused(clock: Clock, now: string): Clock {
  return clock.pausedAt ? clock : { ...clock, pausedAt: now };
}

/** « Reprendre » at `now`: the deadline moves by the time paused; a running clock is left as it is. */
export function resumed(clock: Clock, now: string): Clock {
  if (!clock.pausedAt) return clock;
  const pausedFor = Math.max(0, Date.parse(now) - Date.parse(clock.pausedAt));
  return {
    deadlineAt: iso(Date.parse(clock.deadlineAt) + pausedFor),
    pausedAt: null,
    pausedMs: clock.pausedMs + pausedFor,
  };
}

/** « Ajouter du temps »: the deadline moves by `minutes` (paused or not: the countdown shows it at once). */
export function withAddedMinutes(clock: Clock, minutes: number): Clock {
  return { ...clock, deadlineAt: iso(Date.parse(clock.deadlineAt) + minutes * 60_000) };
}

/**
 * The deadline after a downtime from `down.from` to `down.to` is given back (jobs.ts start-up, exams with
 * downtime credit): now plus what the countdown had left when the service went down. Null when nothing moves:
 * the attempt is paused (its clock was not running, and « Reprendre » will give the paused time back — once),
 * it started after the service went back up, or its deadline had already passed when it went down.
 */
export function creditedDeadline(
  a: { startedAt: string; deadlineAt: string; pausedAt: string | null },
  down: { from: string; to: string },
): string | null {
  if (a.pausedAt) return null;
  const to = Date.parse(down.to);
  const lostFrom = Math.max(Date.parse(down.from), Date.parse(a.startedAt));
  const left = Date.parse(a.deadlineAt) - lostFrom;
  if (left <= 0 || lostFrom >= to) return null;
  return iso(to + left);
}
