import { localized } from '../../../../shared/api/common.js';
import type { TerminationFigures } from '../../../../shared/live.js';
import type { AttemptPaper, Responses } from '../../../../shared/exam.js';
import type { AppContext } from '../../../context.js';
import { DomainError, notFound } from '../../../errors.js';
import { mayReachAttempt, operatorAt } from '../../access/access.service.js';
import { scorePaper } from '../../catalog/scoring.js';
import { examVersion } from '../attempts.cache.js';
import * as repo from '../attempts.repo.js';
import { assertInProgress } from '../delivery.js';
import { endAttempt, winnerOf, type EndOutcome } from './end.js';

/**
 * The operator's « Terminer l'examen » (the monitoring module's routes): in_progress → terminated (end.ts),
 * scored on the answers saved so far, audited with the operator as actor. Per request, the attempt is read
 * once (access.mayReachAttempt: at the operator's service point, else the same 404 as a missing one) and its
 * state checked once (`assertInProgress`, delivery.ts); the figures shown before confirming are read the same way.
 */

/**
 * Ends the exam now. When the learner's « Terminer » or the deadline got there first (before the read, or
 * between the read and the write), nothing changes and the operator is told the exam had already ended.
 */
export async function terminateAttempt(
  ctx: AppContext,
  attemptId: string,
  operatorId: string,
  servicePointId: string,
  ip?: string | null,
): Promise<EndOutcome> {
  const row = await mayReachAttempt(ctx, operatorAt(servicePointId), attemptId);
  assertInProgress(row);
  const result = await endAttempt(ctx, row, 'terminate', { id: operatorId, ip });
  if (result) return { won: true, result };
  const winner = await winnerOf(ctx, attemptId);
  throw new DomainError('attempt_already_ended', { details: { state: winner.state, result: winner } });
}

export interface CurrentFigures {
  answered: number;
  questionCount: number;
  points: number;
  maxPoints: number;
  percentage: number;
  /** The outcome the attempt would have if it ended now. */
  outcome: 'passed' | 'failed';
}

/**
 * The attempt's figures as they stand now, on its saved answers. `row`: the attempt as the caller already
 * read it (then it is not read again).
 */
export async function currentFigures(
  ctx: AppContext,
  attemptId: string,
  row?: { exam_version_id: string; items: string | null },
): Promise<CurrentFigures> {
  const a = row ?? (await repo.findState(ctx.db, attemptId));
  if (!a) throw notFound();
  if (!a.items) throw new DomainError('attempt_not_started');
  const version = await examVersion(ctx, a.exam_version_id);
  const responses: Responses = {};
  for (const r of await repo.answersOf(ctx.db, attemptId)) responses[r.item_id] = JSON.parse(r.response) as string[];
  const score = scorePaper(version.content, JSON.parse(a.items) as AttemptPaper, responses, version.passingMark);
  return {
    answered: score.answered,
    questionCount: score.items.length,
    points: score.points,
    maxPoints: score.maxPoints,
    percentage: score.percentage,
    outcome: score.outcome,
  };
}

/** What the operator sees before confirming « Terminer l'examen »: questions answered, points, outcome. */
export async function terminationFigures(
  ctx: AppContext,
  attemptId: string,
  servicePointId: string,
): Promise<TerminationFigures> {
  const row = await mayReachAttempt(ctx, operatorAt(servicePointId), attemptId);
  assertInProgress(row);
  const f = await currentFigures(ctx, attemptId, row);
  return {
    attemptId,
    learnerName: [row.first_name, row.last_name].filter(Boolean).join(' '),
    examTitle: localized(row.title, row.title_en),
    answered: f.answered,
    questionCount: f.questionCount,
    points: f.points,
    maxPoints: f.maxPoints,
    percentage: f.percentage,
    passingMark: Number(row.passing_mark),
    outcome: f.outcome,
    deadlineAt: row.deadline_at,
  };
}
