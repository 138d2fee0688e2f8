import type { RetakeRules } from '../catalog/retake-rules.js';

/** Why a retake may not be authorized now: the rule, and until when (a waiting time). */
export type RetakeRefusal =
  { rule: 'max_attempts'; maxAttempts: number; attempts: number } | { rule: 'wait'; waitDays: number; until: string };

/**
 * Whether the learner may be authorized again for an exam they failed: `ended` attempts so far (any ending),
 * the last one ended at `lastEndedAt`. Pure: the desk reads the history and the rules, this decides.
 */
export function retakeRefusal(
  rules: RetakeRules,
  history: { ended: number; lastEndedAt: string | null },
  now: Date,
): RetakeRefusal | null {
  if (history.ended >= rules.maxAttempts)
    return { rule: 'max_attempts', maxAttempts: rules.maxAttempts, attempts: history.ended };
  if (rules.waitDays > 0 && history.lastEndedAt) {
    const until = new Date(Date.parse(history.lastEndedAt) + rules.waitDays * 86_400_000);
    if (until > now) return { rule: 'wait', waitDays: rules.waitDays, until: until.toISOString() };
  }
  return null;
}
