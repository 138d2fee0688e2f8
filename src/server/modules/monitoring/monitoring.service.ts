import type { AppContext } from '../../context.js';
import { DomainError, notFound } from '../../errors.js';
import type { AttemptResult } from '../../../shared/attempt.js';
import { localized } from '../../../shared/api/common.js';
import type { TerminationFigures } from '../../../shared/live.js';
import { resultOf } from '../attempts/attempts.service.js';
import { currentFigures, terminateAttempt } from '../attempts/ending.service.js';
import * as repo from './monitoring.repo.js';

/**
 * The operator's side of an exam in progress: the figures before « Terminer l'examen », and the ending.
 * Both act within the operator's service point: an attempt elsewhere answers exactly like a missing one.
 */

async function inProgressAt(ctx: AppContext, attemptId: string, servicePointId: string) {
  const a = await repo.attemptAt(ctx.db, attemptId, servicePointId);
  if (!a) throw notFound();
  switch (a.state) {
    case 'in_progress':
      return a;
    case 'authorized':
      throw new DomainError('attempt_not_in_progress');
    case 'submitted':
    case 'terminated':
    case 'expired':
    case 'cancelled':
      throw new DomainError('attempt_already_ended', { details: { state: a.state, result: resultOf(a) ?? null } });
  }
}

/** What ending the exam now would give: questions answered, points, percentage, outcome. */
export async function terminationFigures(
  ctx: AppContext,
  attemptId: string,
  servicePointId: string,
): Promise<TerminationFigures> {
  const a = await inProgressAt(ctx, attemptId, servicePointId);
  const f = await currentFigures(ctx, attemptId);
  return {
    attemptId,
    learnerName: [a.first_name, a.last_name].filter(Boolean).join(' '),
    examTitle: localized(a.title, a.title_en),
    answered: f.answered,
    questionCount: f.questionCount,
    points: f.points,
    maxPoints: f.maxPoints,
    percentage: f.percentage,
    passingMark: Number(a.passing_mark),
    outcome: f.outcome,
    deadlineAt: a.deadline_at,
  };
}

/**
 * « Terminer l'examen »: in_progress → terminated, scored once on the saved answers, audited with the
 * operator as actor (attempts/ending.service.ts). When the learner's « Terminer » or the deadline got
 * there first, nothing changes and the operator is told the exam had already ended.
 */
export async function endExam(
  ctx: AppContext,
  input: { attemptId: string; servicePointId: string; operatorId: string; ip: string | null },
): Promise<{ result: AttemptResult }> {
  await inProgressAt(ctx, input.attemptId, input.servicePointId);
  const { won, result } = await terminateAttempt(
    ctx,
    input.attemptId,
    input.operatorId,
    input.servicePointId,
    input.ip,
  );
  if (!won) throw new DomainError('attempt_already_ended', { details: { state: result.state, result } });
  return { result };
}
