import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { DomainError } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import { mayReachAttempt, operatorAt, type AttemptRow } from '../access/access.service.js';
import { forgetStarted } from './attempts.cache.js';
import * as repo from './attempts.repo.js';
import * as clockRepo from './clock.repo.js';
import { resumed, withAddedMinutes } from './clock.js';
import { assertInProgress } from './delivery.js';
import { claimWorkstation } from './occupancy.js';

/**
 * The operator's hands on an attempt's clock: « Mettre en pause » / « Reprendre » (one attempt, or every attempt
 * in progress at the service point: a fire alarm) and « Ajouter du temps ». A pause is a flag on in_progress
 * (`paused_at`), not a state of the machine: the attempt stays in progress, takes no answer (attempt_paused)
 * and never expires while paused; « Reprendre » moves the deadline by the time paused (clock.ts). Each change is
 * one conditional write with its audit row; the learner's page hears it through `attempt.clock_changed`.
 */

export interface ClockState {
  attemptId: string;
  deadlineAt: string | null;
  pausedAt: string | null;
  serverNow: string;
}

interface By {
  /** The operator; null when the learner's opening on the new workstation resumes a moved attempt. */
  operatorId: string | null;
  servicePointId: string;
  ip: string | null;
}

type Change = 'paused' | 'resumed' | 'time_added' | 'moved';

function published(ctx: AppContext, by: By, changed: { id: string; userId: string; change: Change }[]) {
  for (const c of changed) {
    forgetStarted(ctx, c.id);
    ctx.events.publish({
      type: 'attempt.clock_changed',
      servicePointId: by.servicePointId,
      attemptId: c.id,
      userId: c.userId,
      change: c.change,
    });
  }
}

async function pauseOne(
  ctx: AppContext,
  trx: Transaction<Database>,
  a: { id: string; userId: string },
  by: By,
  reason: string,
  room: boolean,
  now: string,
): Promise<boolean> {
  const row = await repo.markPaused(trx, a.id, now);
  if (!row) return false;
  await audit.record(ctx, trx, {
    action: 'attempt.paused',
    actorId: by.operatorId,
    subjectUserId: a.userId,
    servicePointId: by.servicePointId,
    ip: by.ip,
    payload: { attemptId: a.id, reason, room, pausedAt: now },
  });
  return true;
}

async function resumeOne(
  ctx: AppContext,
  trx: Transaction<Database>,
  a: { id: string; userId: string; deadlineAt: string; pausedAt: string; pausedMs: number },
  by: By,
  room: boolean,
  now: string,
): Promise<boolean> {
  const to = resumed({ deadlineAt: a.deadlineAt, pausedAt: a.pausedAt, pausedMs: a.pausedMs }, now);
  if (!(await repo.markResumed(trx, a.id, a, to))) return false;
  await audit.record(ctx, trx, {
    action: 'attempt.resumed',
    actorId: by.operatorId,
    subjectUserId: a.userId,
    servicePointId: by.servicePointId,
    ip: by.ip,
    payload: {
      attemptId: a.id,
      room,
      pausedFrom: a.pausedAt,
      pausedMs: to.pausedMs - a.pausedMs,
      deadlineBefore: a.deadlineAt,
      deadlineAfter: to.deadlineAt,
      ...(by.operatorId === null ? { afterMove: true } : {}),
    },
  });
  return true;
}

/** The attempt's clock as it stands now, for the reply. */
async function clockOf(ctx: AppContext, attemptId: string, servicePointId: string): Promise<ClockState> {
  const row = await mayReachAttempt(ctx, operatorAt(servicePointId), attemptId);
  return { attemptId, deadlineAt: row.deadline_at, pausedAt: row.paused_at, serverNow: ctx.now().toISOString() };
}

/** « Mettre en pause » one attempt. Already paused: nothing changes (the first pause's reason stands). */
export async function pauseAttempt(ctx: AppContext, attemptId: string, by: By, reason: string): Promise<ClockState> {
  const row = await mayReachAttempt(ctx, operatorAt(by.servicePointId), attemptId);
  assertInProgress(row);
  if (!row.paused_at) {
    const now = ctx.now().toISOString();
    if (row.deadline_at <= now) throw new DomainError('deadline_passed');
    const a = { id: attemptId, userId: row.user_id };
    const done = await ctx.db.transaction().execute((trx) => pauseOne(ctx, trx, a, by, reason, false, now));
    if (done) published(ctx, by, [{ ...a, change: 'paused' }]);
  }
  return clockOf(ctx, attemptId, by.servicePointId);
}

/** « Reprendre » one attempt: the deadline moves by the time paused. Not paused: nothing changes. */
export async function resumeAttempt(ctx: AppContext, attemptId: string, by: By): Promise<ClockState> {
  const row = await mayReachAttempt(ctx, operatorAt(by.servicePointId), attemptId);
  assertInProgress(row);
  if (row.paused_at) {
    const now = ctx.now().toISOString();
    const a = {
      id: attemptId,
      userId: row.user_id,
      deadlineAt: row.deadline_at,
      pausedAt: row.paused_at,
      pausedMs: Number(row.paused_ms),
    };
    const done = await ctx.db.transaction().execute((trx) => resumeOne(ctx, trx, a, by, false, now));
    if (done) published(ctx, by, [{ ...a, change: 'resumed' }]);
  }
  return clockOf(ctx, attemptId, by.servicePointId);
}

export interface RoomClockReply {
  /** The attempts this request paused or resumed (those already so are left as they were). */
  changed: number;
  serverNow: string;
}

/** « Mettre toute la salle en pause » (a fire alarm): every attempt in progress at the service point. */
export async function pauseRoom(ctx: AppContext, by: By, reason: string): Promise<RoomClockReply> {
  const now = ctx.now().toISOString();
  const running = (await repo.inProgressAt(ctx.db, by.servicePointId)).filter(
    (a) => !a.paused_at && a.deadline_at !== null && a.deadline_at > now,
  );
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const done: { id: string; userId: string; change: Change }[] = [];
    for (const a of running) {
      const one = { id: a.id, userId: a.user_id };
      if (await pauseOne(ctx, trx, one, by, reason, true, now)) done.push({ ...one, change: 'paused' });
    }
    return done;
  });
  published(ctx, by, changed);
  return { changed: changed.length, serverNow: now };
}

/** « Reprendre toute la salle »: every paused attempt at the service point. */
export async function resumeRoom(ctx: AppContext, by: By): Promise<RoomClockReply> {
  const now = ctx.now().toISOString();
  const paused = (await repo.inProgressAt(ctx.db, by.servicePointId)).flatMap((a) =>
    a.paused_at && a.deadline_at
      ? [
          {
            id: a.id,
            userId: a.user_id,
            deadlineAt: a.deadline_at,
            pausedAt: a.paused_at,
            pausedMs: Number(a.paused_ms),
          },
        ]
      : [],
  );
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const done: { id: string; userId: string; change: Change }[] = [];
    for (const a of paused)
      if (await resumeOne(ctx, trx, a, by, true, now)) done.push({ id: a.id, userId: a.userId, change: 'resumed' });
    return done;
  });
  published(ctx, by, changed);
  return { changed: changed.length, serverNow: now };
}

/**
 * « Ajouter du temps » (1 to 120 minutes): the deadline moves, paused or not; audited with the reason. In all, the
 * desk adds at most the exam's duration to one attempt (`added_time_limit` says what is left): an incident is
 * made up with time, a longer one is a pause or a new exam; extra time owed to the learner is an accommodation.
 */
export async function addTime(
  ctx: AppContext,
  attemptId: string,
  by: By,
  input: { minutes: number; reason: string },
): Promise<ClockState> {
  const row = await mayReachAttempt(ctx, operatorAt(by.servicePointId), attemptId);
  assertInProgress(row);
  const now = ctx.now().toISOString();
  // Past its deadline and running, the attempt is the expiry's: time cannot bring it back.
  if (!row.paused_at && row.deadline_at <= now) throw new DomainError('deadline_passed');
  const added = Number(row.added_minutes);
  const left = Math.max(0, row.duration_minutes - added);
  if (input.minutes > left)
    throw new DomainError('added_time_limit', {
      field: 'minutes',
      params: { max: row.duration_minutes, left },
      details: { addedMinutes: added, maxMinutes: row.duration_minutes, leftMinutes: left },
    });
  const clock = { deadlineAt: row.deadline_at, pausedAt: row.paused_at, pausedMs: Number(row.paused_ms) };
  const to = withAddedMinutes(clock, input.minutes).deadlineAt;
  const moved = await ctx.db.transaction().execute(async (trx) => {
    const from = { deadlineAt: row.deadline_at, addedMinutes: added };
    if (!(await clockRepo.addMinutes(trx, attemptId, from, { deadlineAt: to, addedMinutes: added + input.minutes })))
      return false;
    await audit.record(ctx, trx, {
      action: 'attempt.time_added',
      actorId: by.operatorId,
      subjectUserId: row.user_id,
      servicePointId: by.servicePointId,
      ip: by.ip,
      payload: {
        attemptId,
        minutes: input.minutes,
        reason: input.reason,
        deadlineBefore: row.deadline_at,
        deadlineAfter: to,
      },
    });
    return true;
  });
  // Another change of the clock (or the ending) came first: the operator sees the attempt as it is now.
  if (!moved) throw new DomainError('attempt_already_ended', { details: { state: row.state, result: null } });
  published(ctx, by, [{ id: attemptId, userId: row.user_id, change: 'time_added' }]);
  return clockOf(ctx, attemptId, by.servicePointId);
}

/**
 * « Déplacer vers un autre poste » (a broken workstation): the attempt now answers only the new workstation,
 * and its clock stands still from now until the learner opens it there (`resumeMovedOnOpen`), where every saved
 * answer is (they are the server's). Moving to the workstation it is already on changes nothing; to one another
 * learner holds is refused (`workstation_occupied`, occupancy.ts).
 */
export async function moveAttempt(
  ctx: AppContext,
  attemptId: string,
  by: By & { operatorId: string },
  input: { workstationId: string; reason: string },
): Promise<ClockState> {
  const row = await mayReachAttempt(ctx, operatorAt(by.servicePointId), attemptId);
  assertInProgress(row);
  const ws = await repo.workstationAt(ctx.db, input.workstationId, by.servicePointId);
  if (!ws) throw new DomainError('not_found', { field: 'workstationId' });
  if (ws.id === row.workstation_id) return clockOf(ctx, attemptId, by.servicePointId);
  const now = ctx.now().toISOString();
  if (!row.paused_at && row.deadline_at <= now) throw new DomainError('deadline_passed');
  const moved = await ctx.db.transaction().execute(async (trx) => {
    await claimWorkstation(ctx, trx, ws, row.user_id);
    const r = await repo.markMoved(trx, attemptId, ws.id, now);
    if (!r) return false;
    await audit.record(ctx, trx, {
      action: 'attempt.moved',
      actorId: by.operatorId,
      subjectUserId: row.user_id,
      servicePointId: by.servicePointId,
      ip: by.ip,
      payload: {
        attemptId,
        fromWorkstationId: row.workstation_id,
        toWorkstationId: ws.id,
        reason: input.reason,
        pausedAt: r.paused_at ?? now,
      },
    });
    return true;
  });
  if (!moved) throw new DomainError('attempt_already_ended', { details: { state: row.state, result: null } });
  published(ctx, by, [{ id: attemptId, userId: row.user_id, change: 'moved' }]);
  return clockOf(ctx, attemptId, by.servicePointId);
}

/**
 * The learner opened a moved attempt on its new workstation (the caller checked it is that one): its clock runs
 * again, the time since the move given back. True when this call resumed it.
 */
export async function resumeMovedOnOpen(ctx: AppContext, row: AttemptRow): Promise<boolean> {
  if (row.state !== 'in_progress' || !row.moved_at || !row.paused_at || !row.deadline_at) return false;
  const by = { operatorId: null, servicePointId: row.service_point_id, ip: null };
  const a = {
    id: row.id,
    userId: row.user_id,
    deadlineAt: row.deadline_at,
    pausedAt: row.paused_at,
    pausedMs: Number(row.paused_ms),
  };
  const done = await ctx.db.transaction().execute((trx) => resumeOne(ctx, trx, a, by, false, ctx.now().toISOString()));
  if (done) published(ctx, by, [{ ...a, change: 'resumed' }]);
  return done;
}
