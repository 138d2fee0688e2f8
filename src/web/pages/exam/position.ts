/**
 * The question the learner was on, kept in the tab's sessionStorage so a reload (F5, a crashed renderer) comes
 * back to it. sessionStorage rather than the server: a reload keeps the tab, so it survives on the same
 * workstation; the position is no answer — nothing to score, audit or keep once the tab is closed — and a room
 * moving from question to question would otherwise add a durable write per click. A moved exam opens on the new
 * workstation at its first question, with every saved answer (those are the server's).
 */
const key = (attemptId: string) => `vigie-exam-position:${attemptId}`;

/** The question index kept for this attempt, if it is one of its `count` questions. */
export function savedPosition(attemptId: string, count: number): number | null {
  try {
    const n = Number(sessionStorage.getItem(key(attemptId)) ?? NaN);
    return Number.isInteger(n) && n >= 0 && n < count ? n : null;
  } catch {
    return null;
  }
}

export function savePosition(attemptId: string, index: number): void {
  try {
    sessionStorage.setItem(key(attemptId), String(index));
  } catch {
    /* storage full or refused: a reload starts at the first question */
  }
}

export function forgetPosition(attemptId: string): void {
  try {
    sessionStorage.removeItem(key(attemptId));
  } catch {
    /* nothing to forget */
  }
}
