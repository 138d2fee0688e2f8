import { describe, expect, it } from 'vitest';
import {
  acceptsAnswer,
  allows,
  ATTEMPT_STATES,
  canMove,
  ENDING_STATE,
  isEnded,
  isOpen,
  STATES,
  TRANSITIONS,
  type AttemptState,
} from './attempt-states.js';

describe('the attempt state machine', () => {
  it('allows exactly the moves of docs/attempts.md', () => {
    const allowed = ATTEMPT_STATES.flatMap((from) =>
      ATTEMPT_STATES.filter((to) => canMove(from, to)).map((to) => `${from} → ${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'authorized → in_progress',
        'authorized → cancelled',
        'in_progress → submitted',
        'in_progress → terminated',
        'in_progress → expired',
      ].sort(),
    );
  });

  it('refuses going back, leaving an end, cancelling a running exam and ending one not started', () => {
    const refused: [AttemptState, AttemptState][] = [
      ['in_progress', 'authorized'],
      ['in_progress', 'cancelled'],
      ['authorized', 'submitted'],
      ['authorized', 'terminated'],
      ['authorized', 'expired'],
      ['cancelled', 'authorized'],
      ['submitted', 'terminated'],
      ['terminated', 'submitted'],
      ['expired', 'in_progress'],
      ['authorized', 'authorized'],
    ];
    for (const [from, to] of refused) expect(canMove(from, to), `${from} → ${to}`).toBe(false);
    expect(allows('cancel', 'in_progress')).toBe(false);
    expect(allows('terminate', 'authorized')).toBe(false);
    expect(allows('start', 'cancelled')).toBe(false);
    expect(allows('start', 'authorized')).toBe(true);
    expect(allows('expire', 'in_progress')).toBe(true);
  });

  it('names groups that split the states without overlap, and the endings land in the ended group', () => {
    const closed = ATTEMPT_STATES.filter((s) => !isOpen(s) && !isEnded(s));
    expect(closed).toEqual(['cancelled']);
    for (const s of STATES.open) expect(isEnded(s)).toBe(false);
    for (const state of Object.values(ENDING_STATE)) expect(isEnded(state)).toBe(true);
    // Every transition leaves an open state: nothing moves once over.
    for (const t of Object.values(TRANSITIONS)) expect(isOpen(t.from)).toBe(true);
  });

  it('takes an answer only while in progress', () => {
    expect(ATTEMPT_STATES.filter(acceptsAnswer)).toEqual(['in_progress']);
    expect(acceptsAnswer('authorized')).toBe(false);
    expect(acceptsAnswer('submitted')).toBe(false);
  });
});
