import type { AppContext } from '../../context.js';
import { isEnded, isOpen, type AttemptState } from '../../../shared/attempt-states.js';
import { DomainError, notFound } from '../../errors.js';
import type { AttemptDelivery, AttemptResult, SavedAnswer } from '../../../shared/attempt.js';
import type { AttemptPaper } from '../../../shared/exam.js';
import { localDate } from '../service-points/service-points.service.js';
import { authorizedView, examVersion, forgetAuthorized, rememberAuthorized } from './attempts.cache.js';
import * as repo from './attempts.repo.js';
import { examRules } from './attempts.rules.js';
import { deliverItems, drawPaper } from './paper.js';
import { writeStart } from './starts.writer.js';

/**
 * The learner's side of an attempt: opening it at the workstation, « Commencer », the heartbeat.
 * Saving answers is in answers.service.ts; the three endings in ending.service.ts.
 */

export type { AttemptDelivery, AttemptResult, SavedAnswer };

export interface Caller {
  userId: string;
  /** The workstation this browser was registered as (signed cookie), or null. */
  workstationId: string | null;
  ip?: string | null;
}

/**
 * Who may open an attempt and from where. Someone else's attempt answers exactly like one that does not
 * exist. While it is open (authorized or running) it is reachable only from its workstation; once it has
 * started, the day no longer matters (an exam begun at 23:50 runs to its deadline).
 */
export function assertCanReach(ctx: AppContext, view: repo.AttemptView | undefined, caller: Caller): repo.AttemptView {
  if (!view || view.user_id !== caller.userId) throw notFound();
  if (view.state === 'cancelled') throw new DomainError('attempt_not_open');
  if (!isOpen(view.state)) return view;
  if (!caller.workstationId) throw new DomainError('workstation_unregistered');
  if (caller.workstationId !== view.workstation_id)
    throw new DomainError('wrong_workstation', {
      params: { workstation: view.workstation_name, servicePoint: view.service_point_name },
    });
  if (view.state === 'authorized' && view.authorized_for !== localDate(ctx.now(), view.time_zone))
    throw new DomainError('attempt_not_open');
  return view;
}

export function resultOf(view: {
  state: AttemptState;
  ended_at: string | null;
  score_points: number | null;
  max_points: number | null;
  percentage: number | null;
  outcome: 'passed' | 'failed' | null;
}): AttemptResult | undefined {
  const state = view.state;
  if (!isEnded(state)) return undefined;
  return {
    state,
    endedAt: view.ended_at ?? '',
    scorePoints: Number(view.score_points ?? 0),
    maxPoints: Number(view.max_points ?? 0),
    percentage: Number(view.percentage ?? 0),
    outcome: view.outcome ?? 'failed',
  };
}

async function deliveryOf(ctx: AppContext, view: repo.AttemptView, justStarted = false): Promise<AttemptDelivery> {
  const version = await examVersion(ctx, view.exam_version_id);
  const paper = view.items ? (JSON.parse(view.items) as AttemptPaper) : null;
  const total = version.content.items.length;
  const delivery: AttemptDelivery = {
    id: view.id,
    state: view.state,
    title: version.title,
    durationMinutes: version.durationMinutes,
    passingMark: version.passingMark,
    questionCount: paper ? paper.items.length : Math.min(version.drawCount ?? total, total),
    rules: examRules(),
    workstation: { name: view.workstation_name, servicePointName: view.service_point_name },
    serverNow: ctx.now().toISOString(),
    startedAt: view.started_at,
    deadlineAt: view.deadline_at,
    lastSeq: Number(view.last_seq),
  };
  if (view.state === 'in_progress' && paper) {
    delivery.items = deliverItems(version.content, paper);
    const answers: Record<string, SavedAnswer> = {};
    // No answer can exist before « Commencer »: a start just made need not look.
    for (const a of justStarted ? [] : await repo.answersOf(ctx.db, view.id))
      answers[a.item_id] = { choiceIds: JSON.parse(a.response) as string[], flagged: !!a.flagged, seq: Number(a.seq) };
    delivery.answers = answers;
  }
  const result = resultOf(view);
  if (result) delivery.result = result;
  return delivery;
}

/** GET: the intro before « Commencer », the questions and saved answers while running, the result after. */
export async function openAttempt(ctx: AppContext, attemptId: string, caller: Caller): Promise<AttemptDelivery> {
  const view = assertCanReach(ctx, await repo.findAttemptView(ctx.db, attemptId), caller);
  rememberAuthorized(ctx, view);
  return deliveryOf(ctx, view);
}

/**
 * « Commencer »: authorized → in_progress in one conditional write. The paper is drawn and the deadline
 * fixed here, from the server's clock. Pressing it twice (or from a reloaded page) returns the running attempt.
 */
export async function startAttempt(ctx: AppContext, attemptId: string, caller: Caller): Promise<AttemptDelivery> {
  // The intro's reading when there is one (attempts.cache.ts): the conditional write checks the state.
  const view = assertCanReach(
    ctx,
    authorizedView(ctx, attemptId) ?? (await repo.findAttemptView(ctx.db, attemptId)),
    caller,
  );
  if (view.state !== 'authorized') {
    if (view.state === 'in_progress') return deliveryOf(ctx, view);
    throw new DomainError('attempt_ended');
  }
  const version = await examVersion(ctx, view.exam_version_id);
  const paper = drawPaper(version.content, version);
  const now = ctx.now();
  const startedAt = now.toISOString();
  const deadlineAt = new Date(now.getTime() + version.durationMinutes * 60_000).toISOString();
  const won = await writeStart(ctx, {
    attemptId,
    userId: caller.userId,
    enrolmentId: view.enrolment_id,
    servicePointId: view.service_point_id,
    startedAt,
    deadlineAt,
    items: JSON.stringify(paper),
    ip: caller.ip ?? null,
  });
  forgetAuthorized(ctx, attemptId);
  if (won) {
    ctx.events.publish({
      type: 'attempt.started',
      servicePointId: view.service_point_id,
      attemptId,
      userId: caller.userId,
    });
    const started = { ...view, state: 'in_progress' as const, started_at: startedAt, deadline_at: deadlineAt };
    return deliveryOf(ctx, { ...started, items: JSON.stringify(paper) }, true);
  }
  // Lost to a concurrent « Commencer » (or a cancellation): answer with what is there now.
  const now2 = await repo.findAttemptView(ctx.db, attemptId);
  if (!now2 || now2.state === 'cancelled') throw new DomainError('attempt_not_open');
  return deliveryOf(ctx, now2);
}

/** The page's heartbeat: proves the workstation is alive and tells it the server's time and the state. */
export async function heartbeat(ctx: AppContext, attemptId: string, caller: Caller) {
  const view = await repo.findState(ctx.db, attemptId);
  if (!view || view.user_id !== caller.userId) throw notFound();
  if (view.state === 'in_progress' && caller.workstationId !== view.workstation_id)
    throw new DomainError(caller.workstationId ? 'workstation_required' : 'workstation_unregistered');
  const now = ctx.now().toISOString();
  const alive = view.state === 'in_progress' && (await repo.heartbeat(ctx.db, attemptId, caller.userId, now));
  if (alive)
    ctx.events.publish({
      type: 'attempt.heartbeat',
      servicePointId: view.service_point_id,
      attemptId,
      userId: caller.userId,
    });
  return { state: alive ? ('in_progress' as const) : view.state, serverNow: now, deadlineAt: view.deadline_at };
}
