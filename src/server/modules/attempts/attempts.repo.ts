import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { ENDING_STATE, STATES, TRANSITIONS, type Ending } from '../../../shared/attempt-states.js';

type Executor = Db | Transaction<Database>;

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
 * authorized → in_progress for a batch of « Commencer », each its own conditional write, in one
 * statement. On PostgreSQL the rows are first locked in id order (no deadlock between two instances).
 * Returns the ids that started.
 */
export async function markStartedMany(
  trx: Executor,
  rows: { id: string; userId: string; startedAt: string; deadlineAt: string; items: string; extraMinutes: number }[],
  lockFirst: boolean,
): Promise<Set<string>> {
  if (lockFirst)
    await trx
      .selectFrom('attempts')
      .select('id')
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .forUpdate()
      .execute();
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}, ${r.userId}, ${r.startedAt}, ${r.deadlineAt}, ${r.items}, cast(${r.extraMinutes} as integer))`,
    ),
  );
  const result = await sql<{ id: string }>`
    with v(id, user_id, started_at, deadline_at, items, extra_minutes) as (values ${values})
    update attempts
    set state = ${TRANSITIONS.start.to}, started_at = v.started_at, deadline_at = v.deadline_at, items = v.items,
      extra_minutes = v.extra_minutes
    from v
    where attempts.id = v.id and attempts.user_id = v.user_id and attempts.state = ${TRANSITIONS.start.from}
    returning attempts.id`.execute(trx);
  return new Set(result.rows.map((r) => r.id));
}

/**
 * The learner's extra-time accommodations (« Mesures d'adaptation », desk's table) that hold on `day`: not
 * revoked, valid until that day or later. Read at « Commencer ».
 */
export function timeAccommodationsOf(db: Executor, learnerId: string, day: string) {
  return db
    .selectFrom('accommodations')
    .select(['kind', 'minutes'])
    .where('learner_id', '=', learnerId)
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

/**
 * The attempts of a batch of answers, read at the start of its transaction. On PostgreSQL the rows are
 * locked (in id order, so two instances' batches never deadlock): an ending transition waits for the
 * batch, or the batch waits for the ending and then sees the attempt closed.
 */
export async function lockAttemptsForAnswers(trx: Executor, ids: string[], forUpdate: boolean) {
  let q = trx
    .selectFrom('attempts')
    .select(['id', 'state', 'deadline_at', 'paused_at'])
    .where('id', 'in', ids)
    .orderBy('id');
  if (forUpdate) q = q.forUpdate();
  return q.execute();
}

/**
 * Idempotent upsert of several answers (each attempt and item at most once): an older or repeated
 * sequence number never overwrites a newer answer. Returns the rows actually written.
 */
export async function upsertAnswers(trx: Executor, rows: Database['answers'][]) {
  return trx
    .insertInto('answers')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['attempt_id', 'item_id'])
        .doUpdateSet((eb) => ({
          response: eb.ref('excluded.response'),
          flagged: eb.ref('excluded.flagged'),
          seq: eb.ref('excluded.seq'),
          saved_at: eb.ref('excluded.saved_at'),
        }))
        .where('answers.seq', '<', (eb) => eb.ref('excluded.seq')),
    )
    .returning(['attempt_id', 'item_id'])
    .execute();
}

/** An answer's key in the sets and maps below: `attemptId NUL itemId`. */
export const answerKey = (attemptId: string, itemId: string) => `${attemptId}\u0000${itemId}`;

/**
 * PostgreSQL only: one statement that locks the batch's attempts (`for update`, in id order, like every
 * transition), and upserts the answers of those still in progress and before `now`'s deadline only (an
 * older or repeated sequence number never overwrites). Each key appears once in `rows`.
 * Returns the attempts found open and the keys (answerKey) written.
 */
export async function lockAndUpsertAnswers(db: Db, rows: Database['answers'][], now: string) {
  // Six arrays whatever the batch's size: one statement text, however many answers.
  const column = <K extends keyof Database['answers']>(k: K) => rows.map((r) => r[k]);
  const attemptIds = [...new Set(rows.map((r) => r.attempt_id))];
  // The attempts are found by primary key only, and their state is checked on the locked rows (after
  // `for update`, the latest version): with the state in the locking query's `where`, the plan followed
  // the state's statistics, and with stale ones (all "authorized" until a room pressed « Commencer »)
  // walked every attempt in progress for each batch.
  const result = await sql<{ k: 'open' | 'saved'; attempt_id: string; item_id: string | null }>`
    with v(attempt_id, item_id, response, flagged, seq, saved_at) as (
      select * from unnest(${column('attempt_id')}::text[], ${column('item_id')}::text[], ${column('response')}::text[],
        ${column('flagged')}::integer[], ${column('seq')}::integer[], ${column('saved_at')}::text[])
    ),
    locked as (
      select id, state, deadline_at, paused_at from attempts where id = any(${attemptIds}::text[]) order by id for update
    ),
    open as (
      select id from locked
      where state in (${sql.join(STATES.acceptsAnswer)}) and deadline_at > ${now} and paused_at is null
    ),
    saved as (
      insert into answers (attempt_id, item_id, response, flagged, seq, saved_at)
      select v.attempt_id, v.item_id, v.response, v.flagged, v.seq, v.saved_at from v join open on open.id = v.attempt_id
      on conflict (attempt_id, item_id) do update
      set response = excluded.response, flagged = excluded.flagged, seq = excluded.seq, saved_at = excluded.saved_at
      where answers.seq < excluded.seq
      returning answers.attempt_id, answers.item_id
    )
    select 'open' as k, id as attempt_id, null as item_id from open
    union all
    select 'saved' as k, attempt_id, item_id from saved`.execute(db);
  const open = new Set<string>();
  const saved = new Set<string>();
  for (const r of result.rows) {
    if (r.k === 'open') open.add(r.attempt_id);
    else saved.add(answerKey(r.attempt_id, r.item_id!));
  }
  return { open, saved };
}

/** The stored sequence number, time and answer of some answers, by answerKey. */
export async function storedSeqs(trx: Executor, keys: { attemptId: string; itemId: string }[]) {
  const rows = await trx
    .selectFrom('answers')
    .select(['attempt_id', 'item_id', 'seq', 'saved_at', 'response', 'flagged'])
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('attempt_id', '=', k.attemptId), eb('item_id', '=', k.itemId)]))))
    .execute();
  return new Map(
    rows.map((r) => [
      answerKey(r.attempt_id, r.item_id),
      { seq: Number(r.seq), savedAt: r.saved_at, response: r.response, flagged: Number(r.flagged) === 1 },
    ]),
  );
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

/**
 * Heartbeats of several attempts in one statement (heartbeats.writer.ts): each row is marked alive when it is
 * still in progress and its learner's; the ids of those marked. On PostgreSQL the batch never waits for a row
 * while holding others (a room's pause holds its rows and the audit chain's lock: waiting there closes a
 * deadlock): it takes the rows nobody holds (`skip locked`), and the caller writes the others one by one.
 */
export async function heartbeatMany(
  trx: Executor,
  rows: { id: string; userId: string; at: string }[],
  skipLocked: boolean,
): Promise<{ alive: Set<string>; skipped: { id: string; userId: string; at: string }[] }> {
  let mine = rows;
  if (skipLocked) {
    const free = await trx
      .selectFrom('attempts')
      .select('id')
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .forUpdate()
      .skipLocked()
      .execute();
    const ids = new Set(free.map((r) => r.id));
    mine = rows.filter((r) => ids.has(r.id));
  }
  const skipped = rows.filter((r) => !mine.includes(r));
  if (mine.length === 0) return { alive: new Set(), skipped };
  const values = sql.join(mine.map((r) => sql`(${r.id}, ${r.userId}, ${r.at})`));
  const result = await sql<{ id: string }>`
    with v(id, user_id, at) as (values ${values})
    update attempts
    set last_heartbeat_at = v.at
    from v
    where attempts.id = v.id and attempts.user_id = v.user_id and attempts.state = 'in_progress'
    returning attempts.id`.execute(trx);
  return { alive: new Set(result.rows.map((r) => r.id)), skipped };
}

/** One heartbeat alone: one row, so it never holds a lock while waiting for another. */
export async function heartbeat(db: Executor, id: string, userId: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('attempts')
    .set({ last_heartbeat_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('state', '=', 'in_progress')
    .executeTakeFirst();
  return affected(r) === 1;
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
