import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import { databaseTrouble } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import { DomainError, notFound } from '../../errors.js';
import type { EndedState } from '../../../shared/attempt-states.js';
import type { AttemptPaper, Responses } from '../../../shared/exam.js';
import * as audit from '../audit/audit.service.js';
import { setEnrolmentStatus } from '../catalog/catalog.service.js';
import { scorePaper, type ScoreResult } from '../catalog/scoring.js';
import { examVersion, type ExamVersion } from './attempts.cache.js';
import * as repo from './attempts.repo.js';
import { resultOf, type AttemptResult, type Caller } from './attempts.service.js';

/**
 * The three ways an attempt ends — the learner's « Terminer », the operator's « Terminer l'examen »,
 * the deadline — share one code path. Each is one conditional write (in_progress → its state) in a
 * transaction that then scores the saved answers once, stores the score, moves the enrolment, audits,
 * and runs the attemptEnded hooks (attempts.hooks.ts; the cards module issues a card there, wiring.ts).
 * Whichever commits first wins; the others change nothing.
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
  submitted: 'attempt.submitted',
  terminated: 'attempt.terminated',
  expired: 'attempt.expired',
} as const;

type AttemptState = NonNullable<Awaited<ReturnType<typeof repo.findState>>>;

/**
 * The attempt's score on its saved answers, read through `db` (the ending's transaction, when there is
 * one). The exam version is read before any transaction opens (`versionOf`): on SQLite a read through
 * `ctx.db` from inside a transaction would wait for the connection that transaction holds.
 */
async function scoreSaved(db: Transaction<Database> | AppContext['db'], attemptId: string, version: ExamVersion) {
  const s = await repo.findState(db, attemptId);
  if (!s) throw notFound();
  if (!s.items) throw new DomainError('attempt_not_started');
  const responses: Responses = {};
  for (const a of await repo.answersOf(db, attemptId)) responses[a.item_id] = JSON.parse(a.response) as string[];
  return {
    state: s,
    score: scorePaper(version.content, JSON.parse(s.items) as AttemptPaper, responses, version.passingMark),
  };
}

async function end(
  ctx: AppContext,
  before: AttemptState & { id: string },
  to: EndedState,
  actor: { id: string | null; ip?: string | null },
): Promise<EndOutcome> {
  const attemptId = before.id;
  const now = ctx.now().toISOString();
  // Before the transaction: the version never changes, and read inside it through ctx.db it would wait.
  const version = await examVersion(ctx, before.exam_version_id);
  const ended = await ctx.db.transaction().execute(async (trx): Promise<EndedAttempt | null> => {
    // The conditional write first: on PostgreSQL it takes the attempt's row lock, so a save still in
    // flight either committed before (and is scored below) or will find the state changed.
    if (!(await repo.markEnded(trx, attemptId, to, { now, ended_by: actor.id }))) return null;
    const { state, score } = await scoreSaved(trx, attemptId, version);
    await repo.setScore(trx, attemptId, {
      score_points: score.points,
      max_points: score.maxPoints,
      percentage: score.percentage,
      outcome: score.outcome,
    });
    await setEnrolmentStatus(ctx, trx, state.enrolment_id, score.outcome, now);
    await audit.record(ctx, trx, {
      action: auditAction[to],
      actorId: actor.id,
      subjectUserId: state.user_id,
      servicePointId: state.service_point_id,
      ip: actor.ip ?? null,
      payload: { attemptId, score: score.points, percentage: score.percentage, outcome: score.outcome },
    });
    const e: EndedAttempt = {
      attemptId,
      userId: state.user_id,
      enrolmentId: state.enrolment_id,
      servicePointId: state.service_point_id,
      state: to,
      score,
    };
    await ctx.hooks.attemptEnded.run(ctx, trx, e);
    return e;
  });
  if (ended)
    ctx.events.publish({
      type: 'attempt.ended',
      servicePointId: ended.servicePointId,
      attemptId,
      userId: ended.userId,
      state: to,
    });
  const view = await repo.findAttemptView(ctx.db, attemptId);
  const result = view && resultOf(view);
  if (!result) {
    if (view?.state === 'authorized') throw new DomainError('attempt_not_started');
    if (view?.state === 'cancelled') throw new DomainError('attempt_not_open');
    // Still in progress: only an expiry whose deadline has not come yet.
    throw new DomainError('conflict');
  }
  return { won: !!ended, result };
}

/** The learner's « Terminer ». Also after the deadline, until the sweeper gets there first. */
export async function submitAttempt(ctx: AppContext, attemptId: string, caller: Caller): Promise<EndOutcome> {
  const s = await repo.findState(ctx.db, attemptId);
  if (!s || s.user_id !== caller.userId) throw notFound();
  if (s.state === 'in_progress' && caller.workstationId !== s.workstation_id)
    throw new DomainError(caller.workstationId ? 'workstation_required' : 'workstation_unregistered');
  return end(ctx, { ...s, id: attemptId }, 'submitted', { id: caller.userId, ip: caller.ip });
}

/**
 * The operator's « Terminer l'examen » (monitoring module). The attempt must belong to the operator's
 * service point: "not yours" answers like "does not exist". Ending an authorized attempt is a
 * cancellation, not this.
 */
export async function terminateAttempt(
  ctx: AppContext,
  attemptId: string,
  operatorId: string,
  servicePointId: string,
  ip?: string | null,
): Promise<EndOutcome> {
  const s = await repo.findState(ctx.db, attemptId);
  if (!s || s.service_point_id !== servicePointId) throw notFound();
  return end(ctx, { ...s, id: attemptId }, 'terminated', { id: operatorId, ip });
}

/**
 * The deadline has passed: closed by the server, scored on the saved answers, ended AT the deadline
 * (not when the sweep got there: after a restart that may be much later).
 */
export async function expireAttempt(ctx: AppContext, attemptId: string): Promise<EndOutcome> {
  const s = await repo.findState(ctx.db, attemptId);
  if (!s) throw notFound();
  return end(ctx, { ...s, id: attemptId }, 'expired', { id: null });
}

/** One sweep: every attempt in progress past its deadline. Safe on several instances at once. */
export async function expireDue(ctx: AppContext, batch = 100): Promise<number> {
  let expired = 0;
  for (const id of await repo.dueForExpiry(ctx.db, ctx.now().toISOString(), batch)) {
    try {
      if ((await expireAttempt(ctx, id)).won) expired++;
    } catch (err) {
      // The database itself is away: the sweep stops here (its job logs that once) and runs again.
      if (databaseTrouble(err)) throw err;
      ctx.log.error({ err, attemptId: id }, 'expiry failed; retried at the next sweep');
    }
  }
  return expired;
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

/** What the operator sees before « Terminer l'examen »: the figures as they stand now. */
export async function currentFigures(ctx: AppContext, attemptId: string): Promise<CurrentFigures> {
  const s = await repo.findState(ctx.db, attemptId);
  if (!s) throw notFound();
  const { score } = await scoreSaved(ctx.db, attemptId, await examVersion(ctx, s.exam_version_id));
  return {
    answered: score.answered,
    questionCount: score.items.length,
    points: score.points,
    maxPoints: score.maxPoints,
    percentage: score.percentage,
    outcome: score.outcome,
  };
}
