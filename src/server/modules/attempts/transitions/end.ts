import { ENDING_STATE, type EndedState, type Ending } from '../../../../shared/attempt-states.js';
import type { AttemptResult } from '../../../../shared/attempt.js';
import type { AttemptPaper, Responses } from '../../../../shared/exam.js';
import type { AppContext } from '../../../context.js';
import { DomainError } from '../../../errors.js';
import * as audit from '../../audit/audit.service.js';
import { setEnrolmentStatus } from '../../catalog/catalog.service.js';
import { scorePaper, type ScoreResult } from '../../catalog/scoring.js';
import { examVersion } from '../attempts.cache.js';
import * as repo from '../attempts.repo.js';
import { resultOf } from '../delivery.js';

/**
 * The three ways an attempt ends — the learner's « Terminer » (submit.ts), the operator's « Terminer
 * l'examen » (terminate.ts), the deadline (expire.ts) — share this one code path. Each is one conditional
 * write (in_progress → its state) in a transaction that then scores the saved answers once, stores the score,
 * moves the enrolment, audits, and runs the attemptEnded hooks (attempts.hooks.ts; the cards module issues a
 * card there, wiring.ts). Whichever commits first wins; the others change nothing.
 */

export interface EndedAttempt {
  attemptId: string;
  userId: string;
  enrolmentId: string;
  servicePointId: string;
  state: EndedState;
  score: ScoreResult;
}

export interface EndOutcome {
  /** True when this call made the transition; false when another ending had already won. */
  won: boolean;
  result: AttemptResult;
}

const auditAction = {
  submit: 'attempt.submitted',
  terminate: 'attempt.terminated',
  expire: 'attempt.expired',
} as const satisfies Record<Ending, string>;

/**
 * Ends an attempt read in progress (the caller checked the state on the row it read): the result when this
 * call won, null when another transition committed first (nothing changed). The exam version is read before
 * the transaction opens: on SQLite a read through `ctx.db` from inside it would wait for its own connection.
 */
export async function endAttempt(
  ctx: AppContext,
  attempt: { id: string; exam_version_id: string },
  ending: Ending,
  actor: { id: string | null; ip?: string | null },
): Promise<AttemptResult | null> {
  const attemptId = attempt.id;
  const now = ctx.now().toISOString();
  const version = await examVersion(ctx, attempt.exam_version_id);
  const ended = await ctx.db.transaction().execute(async (trx) => {
    // The conditional write first: on PostgreSQL it takes the attempt's row lock, so a save still in
    // flight either committed before (and is scored below) or will find the state changed.
    const row = await repo.markEnded(trx, attemptId, ending, { now, ended_by: actor.id });
    if (!row) return null;
    if (!row.items) throw new DomainError('attempt_not_started');
    const responses: Responses = {};
    for (const a of await repo.answersOf(trx, attemptId)) responses[a.item_id] = JSON.parse(a.response) as string[];
    const score = scorePaper(version.content, JSON.parse(row.items) as AttemptPaper, responses, version.passingMark);
    await repo.setScore(trx, attemptId, {
      score_points: score.points,
      max_points: score.maxPoints,
      percentage: score.percentage,
      outcome: score.outcome,
    });
    await setEnrolmentStatus(ctx, trx, row.enrolment_id, score.outcome, now);
    await audit.record(ctx, trx, {
      action: auditAction[ending],
      actorId: actor.id,
      subjectUserId: row.user_id,
      servicePointId: row.service_point_id,
      ip: actor.ip ?? null,
      payload: { attemptId, score: score.points, percentage: score.percentage, outcome: score.outcome },
    });
    const e: EndedAttempt = {
      attemptId,
      userId: row.user_id,
      enrolmentId: row.enrolment_id,
      servicePointId: row.service_point_id,
      state: ENDING_STATE[ending],
      score,
    };
    await ctx.hooks.attemptEnded.run(ctx, trx, e);
    return { e, endedAt: row.ended_at ?? now };
  });
  if (!ended) return null;
  ctx.events.publish({
    type: 'attempt.ended',
    servicePointId: ended.e.servicePointId,
    attemptId,
    userId: ended.e.userId,
    state: ended.e.state,
  });
  const { score } = ended.e;
  return {
    state: ended.e.state,
    endedAt: ended.endedAt,
    scorePoints: score.points,
    maxPoints: score.maxPoints,
    percentage: score.percentage,
    outcome: score.outcome,
  };
}

/**
 * The result another ending left, when ours lost the race. Still in progress: a learner's « Terminer » that a
 * pause got to first (`submit_paused`), or an expiry whose deadline had not come yet (or was moved) — a conflict.
 */
export async function winnerOf(ctx: AppContext, attemptId: string, ending?: Ending): Promise<AttemptResult> {
  const row = await repo.findResult(ctx.db, attemptId);
  const result = row && resultOf(row);
  if (!result)
    throw new DomainError(
      ending === 'submit' && row?.state === 'in_progress' && row.paused_at ? 'submit_paused' : 'conflict',
    );
  return result;
}

/**
 * An ending asked by the learner or the sweep, of the attempt as it was read: made when it is in progress;
 * otherwise the result already there (`won: false`), or why it cannot end.
 */
export async function endAsRead(
  ctx: AppContext,
  row: { id: string; exam_version_id: string } & Parameters<typeof resultOf>[0],
  ending: Ending,
  actor: { id: string | null; ip?: string | null },
): Promise<EndOutcome> {
  switch (row.state) {
    case 'in_progress': {
      const result = await endAttempt(ctx, row, ending, actor);
      return result ? { won: true, result } : { won: false, result: await winnerOf(ctx, row.id, ending) };
    }
    case 'authorized':
      throw new DomainError('attempt_not_started');
    case 'cancelled':
      throw new DomainError('attempt_not_open');
    case 'submitted':
    case 'terminated':
    case 'expired':
      return { won: false, result: resultOf(row)! };
  }
}
