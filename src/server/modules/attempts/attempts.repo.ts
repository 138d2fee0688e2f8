import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { ENDING_STATE, TRANSITIONS, type Ending } from '../../../shared/attempt-states.js';

export type Executor = Db | Transaction<Database>;

/** An attempt's state and what an ending needs before its transaction (the sweep, the figures). */
export function findState(db: Executor, id: string) {
  return db
    .selectFrom('attempts')
    .select([
      'state',
      'deadline_at',
      'user_id',
      'workstation_id',
      'service_point_id',
      'enrolment_id',
      'exam_version_id',
      'items',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

const affected = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows);

/**
 * The learners' extra-time accommodations (« Mesures d'adaptation », desk's table) that hold on `day` or later:
 * not revoked, valid until that day or after (a caller with several days keeps each learner's own: `valid_until`).
 * Read at « Commencer » (a batch's learners in one query) and on the intro.
 */
export function timeAccommodationsOf(db: Executor, learnerIds: string[], day: string) {
  return db
    .selectFrom('accommodations')
    .select(['learner_id', 'kind', 'minutes', 'valid_until'])
    .where('learner_id', 'in', learnerIds)
    .where('kind', '<>', 'separate_room')
    .where('revoked_at', 'is', null)
    .where('valid_until', '>=', day)
    .execute();
}

/**
 * in_progress → submitted | terminated | expired. Expiry also requires the deadline to be past.
 * The first transition to commit wins; the others find the state changed and update nothing (undefined).
 * Returns what the ending's transaction goes on to need.
 */
export function markEnded(trx: Executor, id: string, ending: Ending, values: { now: string; ended_by: string | null }) {
  // An expiry ends the attempt at its deadline, whenever the sweep gets there (a restart may have kept it
  // from getting there on time); the other endings at the moment they are made.
  let q = trx
    .updateTable('attempts')
    .set((eb) => ({
      state: ENDING_STATE[ending],
      ended_by: values.ended_by,
      ended_at: ending === 'expire' ? eb.ref('deadline_at') : eb.val(values.now),
    }))
    .where('id', '=', id)
    .where('state', '=', TRANSITIONS[ending].from);
  if (ending === 'expire') q = q.where('deadline_at', '<=', values.now).where('paused_at', 'is', null);
  // « Examen en pause »: the learner's « Terminer » waits for the resume (the operator may still end it).
  if (ending === 'submit') q = q.where('paused_at', 'is', null);
  return q.returning(['user_id', 'enrolment_id', 'service_point_id', 'items', 'ended_at']).executeTakeFirst();
}

/** An attempt's state and result, after an ending lost its race: what the winner left. */
export function findResult(db: Executor, id: string) {
  return db
    .selectFrom('attempts')
    .select(['state', 'ended_at', 'score_points', 'max_points', 'percentage', 'outcome', 'paused_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** « Autoriser l'examen »: the new attempt, in its initial state. */
export async function insertAttempt(db: Executor, row: Database['attempts']) {
  await db.insertInto('attempts').values(row).execute();
}

/** authorized → cancelled, in one conditional write; returns the row when this call won. */
export function markCancelled(db: Executor, attemptId: string, by: string | null, at: string) {
  return db
    .updateTable('attempts')
    .set({ state: TRANSITIONS.cancel.to, cancelled_by: by, ended_at: at })
    .where('id', '=', attemptId)
    .where('state', '=', TRANSITIONS.cancel.from)
    .returning(['id', 'user_id', 'enrolment_id'])
    .executeTakeFirst();
}

/** Authorizations from before `before` (a day) that never started: candidates for the day's lapse. */
export function staleAuthorizations(db: Executor, before: string) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('service_points as sp', 'sp.id', 'a.service_point_id')
    .select(['a.id', 'a.service_point_id', 'a.authorized_for', 'sp.time_zone'])
    .where('a.state', '=', TRANSITIONS.lapse.from)
    .where('a.authorized_for', '<', before)
    .limit(500)
    .execute();
}

export async function setScore(
  trx: Executor,
  id: string,
  score: { score_points: number; max_points: number; percentage: number; outcome: 'passed' | 'failed' },
) {
  await trx.updateTable('attempts').set(score).where('id', '=', id).execute();
}

/** The attempt's highest saved sequence number (0 before any answer). */
export async function lastSeq(db: Executor, attemptId: string): Promise<number> {
  const row = await db
    .selectFrom('answers')
    .select((eb) => eb.fn.max<number | null>('seq').as('s'))
    .where('attempt_id', '=', attemptId)
    .executeTakeFirst();
  return Number(row?.s ?? 0);
}

export function answersOf(db: Executor, attemptId: string) {
  return db
    .selectFrom('answers')
    .select(['item_id', 'response', 'flagged', 'seq', 'saved_at'])
    .where('attempt_id', '=', attemptId)
    .execute();
}

/** Attempts still in progress whose deadline has passed (served by the attempts_state_deadline index). */
export function dueForExpiry(db: Executor, now: string, limit: number) {
  return db
    .selectFrom('attempts')
    .select(['id', 'exam_version_id'])
    .where('state', '=', TRANSITIONS.expire.from)
    .where('deadline_at', '<=', now)
    .where('paused_at', 'is', null)
    .orderBy('deadline_at')
    .limit(limit)
    .execute();
}

/**
 * Attempts in progress, of exams that give downtime back, whose time was running at `since` or later:
 * what a downtime from `since` to now took from them.
 */
export function inProgressWithDowntimeCredit(db: Executor, since: string) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('exams as e', 'e.id', 'a.exam_id')
    .select(['a.id', 'a.user_id', 'a.service_point_id', 'a.started_at', 'a.deadline_at', 'a.paused_at'])
    .where('a.state', '=', 'in_progress')
    .where('e.downtime_credit', '=', 1)
    .where('a.deadline_at', '>', since)
    .execute();
}

/** Moves an attempt's deadline, if it is still in progress with the deadline it was read with. */
export async function moveDeadline(trx: Executor, id: string, from: string, to: string): Promise<boolean> {
  const r = await trx
    .updateTable('attempts')
    .set({ deadline_at: to })
    .where('id', '=', id)
    .where('state', '=', 'in_progress')
    .where('deadline_at', '=', from)
    .executeTakeFirst();
  return affected(r) === 1;
}

/** An attempt that ended before, with its answers, written whole (the demo's history). */
export async function insertEndedAttempt(
  trx: Transaction<Database>,
  attempt: Database['attempts'],
  answers: Database['answers'][],
) {
  await trx.insertInto('attempts').values(attempt).execute();
  if (answers.length > 0) await trx.insertInto('answers').values(answers).execute();
}

/**
 * « Mettre en pause »: the clock stops, if the attempt is still in progress, running, and before its deadline
 * (one past it is the expiry's). Returns the row's owner, or undefined when nothing changed.
 */
export function markPaused(trx: Executor, id: string, now: string) {
  return trx
    .updateTable('attempts')
    .set({ paused_at: now })
    .where('id', '=', id)
    .where('state', '=', 'in_progress')
    .where('paused_at', 'is', null)
    .where('deadline_at', '>', now)
    .returning(['user_id', 'deadline_at'])
    .executeTakeFirst();
}

/** « Reprendre »: writes the resumed clock, if the attempt is still in progress with the pause it was read with. */
export async function markResumed(
  trx: Executor,
  id: string,
  from: { pausedAt: string; deadlineAt: string },
  to: { deadlineAt: string; pausedMs: number },
): Promise<boolean> {
  const r = await trx
    .updateTable('attempts')
    .set({ paused_at: null, moved_at: null, deadline_at: to.deadlineAt, paused_ms: to.pausedMs })
    .where('id', '=', id)
    .where('state', '=', 'in_progress')
    .where('paused_at', '=', from.pausedAt)
    .where('deadline_at', '=', from.deadlineAt)
    .executeTakeFirst();
  return affected(r) === 1;
}

/** The attempts in progress at a service point (the room's « Mettre en pause » / « Reprendre »). */
export function inProgressAt(db: Executor, servicePointId: string) {
  return db
    .selectFrom('attempts')
    .select(['id', 'user_id', 'deadline_at', 'paused_at', 'paused_ms'])
    .where('service_point_id', '=', servicePointId)
    .where('state', '=', 'in_progress')
    .orderBy('id')
    .execute();
}

/**
 * « Déplacer vers un autre poste »: the attempt now answers only `workstationId`, its clock stopped (a pause
 * already running keeps its start) until the learner opens it there. Returns undefined when it was no longer in
 * progress, or running past its deadline (the expiry's).
 */
export function markMoved(trx: Executor, id: string, workstationId: string, now: string) {
  return trx
    .updateTable('attempts')
    .set((eb) => ({
      workstation_id: workstationId,
      paused_at: eb.fn.coalesce('paused_at', eb.val(now)),
      moved_at: now,
    }))
    .where('id', '=', id)
    .where('state', '=', 'in_progress')
    .where((eb) => eb.or([eb('paused_at', 'is not', null), eb('deadline_at', '>', now)]))
    .returning(['paused_at', 'deadline_at', 'paused_ms'])
    .executeTakeFirst();
}

/** A workstation of the service point (where an attempt may be moved to). */
export function workstationAt(db: Executor, workstationId: string, servicePointId: string) {
  return db
    .selectFrom('workstations')
    .select(['id', 'name'])
    .where('id', '=', workstationId)
    .where('service_point_id', '=', servicePointId)
    .executeTakeFirst();
}
