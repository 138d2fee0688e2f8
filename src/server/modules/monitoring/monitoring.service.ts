import type { AppContext } from '../../context.js';
import type { AttemptResult } from '../../../shared/attempt.js';
import { terminateAttempt } from '../attempts/transitions/terminate.js';

/**
 * The operator's side of an exam in progress: the figures before « Terminer l'examen », and the ending. Both
 * are the attempts module's (transitions/terminate.ts: one read, one scope and state check per request).
 */
export { terminationFigures } from '../attempts/transitions/terminate.js';

/** « Terminer l'examen »: in_progress → terminated; when another ending came first, attempt_already_ended. */
export async function endExam(
  ctx: AppContext,
  input: { attemptId: string; servicePointId: string; operatorId: string; ip: string | null },
): Promise<{ result: AttemptResult }> {
  const { result } = await terminateAttempt(ctx, input.attemptId, input.operatorId, input.servicePointId, input.ip);
  return { result };
}
