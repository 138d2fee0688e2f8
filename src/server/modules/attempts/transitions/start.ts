import { allows, TRANSITIONS } from '../../../../shared/attempt-states.js';
import type { AttemptDelivery } from '../../../../shared/attempt.js';
import type { AppContext } from '../../../context.js';
import { DomainError } from '../../../errors.js';
import { learnerActor, mayReachAttempt, mayReachKept } from '../../access/access.service.js';
import { authorizedView, examVersion, forgetAuthorized } from '../attempts.cache.js';
import { assertFromItsWorkstation, deliveryOf, type Caller } from '../delivery.js';
import { drawPaper } from '../paper.js';
import { writeStart } from '../starts.writer.js';

/**
 * « Commencer »: authorized → in_progress in one conditional write (starts.writer.ts, by group commit). The
 * paper is drawn here; the start time and deadline are fixed by the batch that writes it, from the server's clock. Pressing it twice (or from a reloaded
 * page) returns the running attempt.
 */
export async function startAttempt(ctx: AppContext, attemptId: string, caller: Caller): Promise<AttemptDelivery> {
  const actor = learnerActor(caller.userId);
  // The intro's reading when there is one (attempts.cache.ts): who, where and which day never change, and the
  // conditional write checks the state.
  const kept = authorizedView(ctx, attemptId);
  const row = kept ? mayReachKept(actor, kept) : await mayReachAttempt(ctx, actor, attemptId);
  assertFromItsWorkstation(ctx, row, caller);
  if (!allows('start', row.state)) {
    if (row.state === TRANSITIONS.start.to) return deliveryOf(ctx, row);
    throw new DomainError('attempt_ended');
  }
  const version = await examVersion(ctx, row.exam_version_id);
  const paper = drawPaper(version.content, version);
  const items = JSON.stringify(paper);
  // The clock is the batch's (starts.writer.ts): « Mesures d'adaptation » holding on the attempt's day put their
  // extra time in the deadline from the start.
  const started = await writeStart(ctx, {
    attemptId,
    userId: caller.userId,
    enrolmentId: row.enrolment_id,
    servicePointId: row.service_point_id,
    day: row.authorized_for,
    durationMinutes: version.durationMinutes,
    items,
    ip: caller.ip ?? null,
  });
  forgetAuthorized(ctx, attemptId);
  if (started) {
    ctx.events.publish({
      type: 'attempt.started',
      servicePointId: row.service_point_id,
      attemptId,
      userId: caller.userId,
    });
    const view = {
      ...row,
      state: TRANSITIONS.start.to,
      started_at: started.startedAt,
      deadline_at: started.deadlineAt,
      extra_minutes: started.extraMinutes,
      items,
    };
    return deliveryOf(ctx, view, paper);
  }
  // Lost to a concurrent « Commencer » (or a cancellation): answer with what is there now.
  const now2 = await mayReachAttempt(ctx, actor, attemptId);
  if (now2.state === 'cancelled') throw new DomainError('attempt_not_open');
  return deliveryOf(ctx, now2);
}
