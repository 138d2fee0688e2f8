import { isEnded, isOpen, type AttemptState } from '../../../shared/attempt-states.js';
import type { AttemptDelivery, AttemptResult, SavedAnswer } from '../../../shared/attempt.js';
import type { AttemptPaper } from '../../../shared/exam.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { AttemptRow } from '../access/access.service.js';
import { questionCount } from '../catalog/exam-definition.js';
import { localDate } from '../service-points/service-points.service.js';
import { examVersion } from './attempts.cache.js';
import * as repo from './attempts.repo.js';
import { examRules } from './attempts.rules.js';
import { extraMinutes } from './clock.js';
import { deliverItems } from './paper.js';

/** The learner's request: who (the access module checks the attempt is theirs) and from which workstation. */
export interface Caller {
  userId: string;
  /** The workstation this browser was registered as (signed cookie), or null. */
  workstationId: string | null;
  ip?: string | null;
}

/**
 * Where the learner may open or start their attempt from (its scope — theirs — is access.mayReachAttempt's).
 * While it is open (authorized or running) it is reachable only from its workstation; once it has started,
 * the day no longer matters (an exam begun at 23:50 runs to its deadline). A cancelled one is not open.
 */
export function assertFromItsWorkstation(ctx: AppContext, row: AttemptRow, caller: Caller): void {
  if (row.state === 'cancelled') throw new DomainError('attempt_not_open');
  if (!isOpen(row.state)) return;
  if (!caller.workstationId) throw new DomainError('workstation_unregistered');
  if (caller.workstationId !== row.workstation_id)
    throw new DomainError('wrong_workstation', {
      params: { workstation: row.workstation_name, servicePoint: row.service_point_name },
    });
  if (row.state === 'authorized' && row.authorized_for !== localDate(ctx.now(), row.time_zone))
    throw new DomainError('attempt_not_open');
}

/** « Terminer » and the heartbeat: a running exam answers only its own workstation. */
export function assertRunningHere(row: { state: AttemptState; workstation_id: string }, caller: Caller): void {
  if (row.state === 'in_progress' && caller.workstationId !== row.workstation_id)
    throw new DomainError(caller.workstationId ? 'workstation_required' : 'workstation_unregistered');
}

/**
 * Only an attempt in progress may be paused, given time, moved or terminated: one not started is refused (the
 * desk cancels it instead), one over is told how it ended.
 */
export function assertInProgress(row: AttemptRow): asserts row is AttemptRow & { deadline_at: string } {
  switch (row.state) {
    case 'in_progress':
      return;
    case 'authorized':
      throw new DomainError('attempt_not_in_progress');
    case 'submitted':
    case 'terminated':
    case 'expired':
    case 'cancelled':
      throw new DomainError('attempt_already_ended', {
        details: { state: row.state, result: resultOf(row) ?? null },
      });
  }
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

/**
 * The exam page's view of the attempt: the intro, the paper and saved answers while running, the result after.
 * `drawn`: the paper of a start just made (its row's `items`, not read back; no answer can exist yet).
 */
export async function deliveryOf(ctx: AppContext, view: AttemptRow, drawn?: AttemptPaper): Promise<AttemptDelivery> {
  const version = await examVersion(ctx, view.exam_version_id);
  const paper = drawn ?? (view.items ? (JSON.parse(view.items) as AttemptPaper) : null);
  const delivery: AttemptDelivery = {
    id: view.id,
    state: view.state,
    title: version.title,
    durationMinutes: version.durationMinutes,
    passingMark: version.passingMark,
    questionCount: paper ? paper.items.length : questionCount(version),
    rules: examRules(),
    workstation: { name: view.workstation_name, servicePointName: view.service_point_name },
    serverNow: ctx.now().toISOString(),
    startedAt: view.started_at,
    deadlineAt: view.deadline_at,
    pausedAt: view.state === 'in_progress' ? view.paused_at : null,
    lastSeq: Number(view.last_seq),
  };
  const extra =
    view.state === 'authorized'
      ? extraMinutes(
          version.durationMinutes,
          await repo.timeAccommodationsOf(ctx.db, [view.user_id], view.authorized_for),
        )
      : Number(view.extra_minutes);
  if (extra > 0) delivery.extraMinutes = extra;
  if (view.state === 'in_progress' && paper) {
    delivery.items = deliverItems(version.content, paper);
    const answers: Record<string, SavedAnswer> = {};
    // No answer can exist before « Commencer »: a start just made need not look.
    for (const a of drawn ? [] : await repo.answersOf(ctx.db, view.id))
      answers[a.item_id] = { choiceIds: JSON.parse(a.response) as string[], flagged: !!a.flagged, seq: Number(a.seq) };
    delivery.answers = answers;
  }
  const result = resultOf(view);
  if (result) delivery.result = result;
  return delivery;
}
