import { describe, expect, it } from 'vitest';
import {
  creditedDeadline,
  extraMinutes,
  paused,
  remainingMs,
  resumed,
  startDeadline,
  withAddedMinutes,
  type Clock,
} from './clock.js';

const t = (hhmmss: string) => `2026-12-07T${hhmmss}.000Z`;
const running: Clock = { deadlineAt: t('10:30:00'), pausedAt: null, pausedMs: 0 };

describe('the exam clock', () => {
  it('counts down while running and stands still while paused', () => {
    expect(remainingMs(running, t('10:00:00'))).toBe(30 * 60_000);
    const p = paused(running, t('10:10:00'));
    expect(p.pausedAt).toBe(t('10:10:00'));
    expect(remainingMs(p, t('10:10:00'))).toBe(20 * 60_000);
    expect(remainingMs(p, t('11:45:00'))).toBe(20 * 60_000);
  });

  it('moves the deadline by the paused time at « Reprendre » and keeps the total paused', () => {
    const r = resumed(paused(running, t('10:10:00')), t('10:17:30'));
    expect(r).toEqual({ deadlineAt: t('10:37:30'), pausedAt: null, pausedMs: 7.5 * 60_000 });
    const twice = resumed(paused(r, t('10:20:00')), t('10:22:00'));
    expect(twice).toEqual({ deadlineAt: t('10:39:30'), pausedAt: null, pausedMs: 9.5 * 60_000 });
    expect(remainingMs(twice, t('10:22:00'))).toBe(17.5 * 60_000);
  });

  it('keeps the first pause when paused twice, and leaves a running clock alone on resume', () => {
    const p = paused(paused(running, t('10:10:00')), t('10:15:00'));
    expect(p.pausedAt).toBe(t('10:10:00'));
    expect(resumed(running, t('10:15:00'))).toBe(running);
  });

  it('adds minutes to the deadline, running or paused', () => {
    expect(withAddedMinutes(running, 15).deadlineAt).toBe(t('10:45:00'));
    const p = withAddedMinutes(paused(running, t('10:10:00')), 5);
    expect(remainingMs(p, t('10:50:00'))).toBe(25 * 60_000);
    expect(resumed(p, t('10:12:00')).deadlineAt).toBe(t('10:37:00'));
  });

  it('gives a downtime back to a running attempt, and never to a paused one (its resume does, once)', () => {
    const a = { startedAt: t('10:00:00'), deadlineAt: t('10:30:00'), pausedAt: null };
    expect(creditedDeadline(a, { from: t('10:10:00'), to: t('10:40:00') })).toBe(t('11:00:00'));
    // Paused at 10:05, the service down from 10:10 to 10:40, resumed at 10:45: 40 minutes given back, not 70.
    const p = { ...a, pausedAt: t('10:05:00') };
    expect(creditedDeadline(p, { from: t('10:10:00'), to: t('10:40:00') })).toBeNull();
    const after = resumed({ deadlineAt: p.deadlineAt, pausedAt: p.pausedAt, pausedMs: 0 }, t('10:45:00'));
    expect(after.deadlineAt).toBe(t('11:10:00'));
    expect(remainingMs(after, t('10:45:00'))).toBe(25 * 60_000);
  });

  it('does not credit an attempt started after the downtime or already past its deadline', () => {
    const late = { startedAt: t('10:50:00'), deadlineAt: t('11:20:00'), pausedAt: null };
    expect(creditedDeadline(late, { from: t('10:10:00'), to: t('10:40:00') })).toBeNull();
    const over = { startedAt: t('09:00:00'), deadlineAt: t('09:30:00'), pausedAt: null };
    expect(creditedDeadline(over, { from: t('10:10:00'), to: t('10:40:00') })).toBeNull();
  });
});

describe('« Mesures d’adaptation » on the exam clock', () => {
  const a = (kind: 'extra_25' | 'extra_50' | 'extra_minutes' | 'separate_room', minutes: number | null = null) => ({
    kind,
    minutes,
  });

  it('gives +25 % and +50 % of the duration, rounded up to the minute, or a number of minutes', () => {
    expect(extraMinutes(60, [a('extra_25')])).toBe(15);
    expect(extraMinutes(45, [a('extra_25')])).toBe(12); // 11.25 → 12
    expect(extraMinutes(45, [a('extra_50')])).toBe(23); // 22.5 → 23
    expect(extraMinutes(60, [a('extra_minutes', 20)])).toBe(20);
    expect(extraMinutes(60, [])).toBe(0);
    expect(extraMinutes(60, [a('separate_room')])).toBe(0);
  });

  it('takes the most generous accommodation, never their sum', () => {
    expect(extraMinutes(60, [a('extra_25'), a('extra_50'), a('extra_minutes', 20)])).toBe(30);
    expect(extraMinutes(60, [a('extra_25'), a('extra_minutes', 40), a('separate_room')])).toBe(40);
  });

  it('starts with the extra time in the deadline, then pauses, resumes and added time move it as usual', () => {
    const start = t('10:00:00');
    const deadlineAt = startDeadline(start, 60, extraMinutes(60, [a('extra_50')]));
    expect(deadlineAt).toBe(t('11:30:00'));
    let clock: Clock = { deadlineAt, pausedAt: null, pausedMs: 0 };
    expect(remainingMs(clock, start)).toBe(90 * 60_000);
    // A 10-minute pause (the fire alarm) at 10:20: the 70 minutes left stand still, then run to 11:40.
    clock = paused(clock, t('10:20:00'));
    expect(remainingMs(clock, t('10:25:00'))).toBe(70 * 60_000);
    clock = resumed(clock, t('10:30:00'));
    expect(clock).toEqual({ deadlineAt: t('11:40:00'), pausedAt: null, pausedMs: 10 * 60_000 });
    // « Ajouter du temps » on top of the accommodation: 5 more minutes.
    clock = withAddedMinutes(clock, 5);
    expect(clock.deadlineAt).toBe(t('11:45:00'));
    expect(remainingMs(clock, t('11:00:00'))).toBe(45 * 60_000);
  });

  it('a downtime credit keeps the accommodation: what was left, extra included, is given back', () => {
    const deadlineAt = startDeadline(t('10:00:00'), 30, extraMinutes(30, [a('extra_minutes', 15)]));
    expect(deadlineAt).toBe(t('10:45:00'));
    expect(
      creditedDeadline(
        { startedAt: t('10:00:00'), deadlineAt, pausedAt: null },
        { from: t('10:15:00'), to: t('10:25:00') },
      ),
    ).toBe(t('10:55:00'));
  });
});
