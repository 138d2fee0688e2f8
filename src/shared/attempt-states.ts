/**
 * The exam attempt's state machine, declared once: its states, the named groups every condition is built
 * from (services, SQL `where state in (…)`, the web's pages) and the allowed transitions. The server's
 * transitions live in src/server/modules/attempts/transitions/, one file each; each is one conditional write
 * `where state = <from>` (docs/attempts.md).
 *
 *   authorized ──start──▶ in_progress ──submit────▶ submitted
 *        │                     ├────────terminate─▶ terminated
 *        │                     └────────expire────▶ expired
 *        └──cancel / lapse──▶ cancelled
 */

export const ATTEMPT_STATES = ['authorized', 'in_progress', 'submitted', 'terminated', 'expired', 'cancelled'] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

/** The state « Autoriser l'examen » creates an attempt in. */
export const INITIAL_STATE = 'authorized' satisfies AttemptState;

export const STATES = {
  /**
   * Not over: authorized and waiting for « Commencer », or running. One open attempt per learner and exam;
   * reachable only from its own workstation; a row of the operator's live list.
   */
  open: ['authorized', 'in_progress'],
  /** Ended with a score (learner, operator or deadline). */
  ended: ['submitted', 'terminated', 'expired'],
  /** Takes an answer — and only before its deadline (attempts/answers.writer.ts, batches.repo.ts). */
  acceptsAnswer: ['in_progress'],
} as const satisfies Record<string, readonly AttemptState[]>;

export type OpenState = (typeof STATES.open)[number];
export type EndedState = (typeof STATES.ended)[number];

/** Every move the machine allows; anything else is refused. */
export const TRANSITIONS = {
  /** « Commencer » (the learner). */
  start: { from: 'authorized', to: 'in_progress' },
  /** « Annuler l'accès à l'examen » (the operator). */
  cancel: { from: 'authorized', to: 'cancelled' },
  /** An authorization from an earlier day that never started (the day's sweep). */
  lapse: { from: 'authorized', to: 'cancelled' },
  /** « Terminer » (the learner). */
  submit: { from: 'in_progress', to: 'submitted' },
  /** « Terminer l'examen » (the operator). */
  terminate: { from: 'in_progress', to: 'terminated' },
  /** The deadline passed (the server). */
  expire: { from: 'in_progress', to: 'expired' },
} as const satisfies Record<string, { from: AttemptState; to: AttemptState }>;

export type TransitionName = keyof typeof TRANSITIONS;
/** The three endings: each moves an attempt in progress to one ended state. */
export type Ending = 'submit' | 'terminate' | 'expire';
export const ENDING_STATE = {
  submit: TRANSITIONS.submit.to,
  terminate: TRANSITIONS.terminate.to,
  expire: TRANSITIONS.expire.to,
} as const satisfies Record<Ending, EndedState>;

const member =
  <S extends AttemptState>(group: readonly S[]) =>
  (state: string): state is S =>
    (group as readonly string[]).includes(state);

export const isOpen = member(STATES.open);
export const isEnded = member(STATES.ended);
export const acceptsAnswer = member(STATES.acceptsAnswer);

/**
 * Takes an answer now: in a state that accepts one, not paused, and before its deadline (ISO-8601 UTC texts
 * compare as times). A pause (« Mettre en pause ») is a flag on in_progress, not a state: the attempt stays in
 * progress, its clock stands still (`paused_at`), and it takes no answer and never expires meanwhile.
 */
export function acceptsAnswerAt(
  state: AttemptState,
  deadlineAt: string | null,
  now: string,
  pausedAt: string | null,
): boolean {
  return acceptsAnswer(state) && pausedAt === null && deadlineAt !== null && deadlineAt > now;
}

/** Whether the machine has a transition from `from` to `to`. */
export function canMove(from: AttemptState, to: AttemptState): boolean {
  return Object.values(TRANSITIONS).some((t) => t.from === from && t.to === to);
}

/** Whether `transition` may be made from `state`. */
export function allows(transition: TransitionName, state: AttemptState): boolean {
  return TRANSITIONS[transition].from === state;
}
