import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { STATES, TRANSITIONS } from '../../../shared/attempt-states.js';
import type { Executor } from './attempts.repo.js';

/**
 * The SQL of the group-committed writers (starts.writer.ts, answers.writer.ts, heartbeats.writer.ts): one
 * statement or a few for a whole batch, each row still its own conditional write. Rows of `attempts` are locked
 * in id order on PostgreSQL, the order of every other transition, so two instances' batches never deadlock.
 */

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
    await lockInIdOrder(
      trx,
      rows.map((r) => r.id),
      false,
    );
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

/** What a heartbeat's write reads back of the attempt it marked alive: the page's reply and the event. */
export interface Beaten {
  service_point_id: string;
  deadline_at: string | null;
  paused_at: string | null;
}

/** One heartbeat to write: the attempt, its learner and the workstation the page beats from. */
export interface BeatRow {
  id: string;
  userId: string;
  workstationId: string;
  at: string;
}

/**
 * Heartbeats of several attempts in one statement (heartbeats.writer.ts): each row is marked alive when it is
 * still in progress, its learner's and running at the workstation the page beats from; what the reply needs of
 * those marked, by id. On PostgreSQL the batch never waits for a row while holding others (a room's pause holds
 * its rows and the audit chain's lock: waiting there closes a deadlock): it takes the rows nobody holds
 * (`skip locked`), and the caller writes the others one by one.
 */
export async function heartbeatMany(
  trx: Executor,
  rows: BeatRow[],
  skipLocked: boolean,
): Promise<{ alive: Map<string, Beaten>; skipped: BeatRow[] }> {
  let mine = rows;
  if (skipLocked) {
    const free = await lockInIdOrder(
      trx,
      rows.map((r) => r.id),
      true,
    );
    const ids = new Set(free.map((r) => r.id));
    mine = rows.filter((r) => ids.has(r.id));
  }
  const skipped = rows.filter((r) => !mine.includes(r));
  if (mine.length === 0) return { alive: new Map(), skipped };
  const values = sql.join(mine.map((r) => sql`(${r.id}, ${r.userId}, ${r.workstationId}, ${r.at})`));
  const result = await sql<Beaten & { id: string }>`
    with v(id, user_id, workstation_id, at) as (values ${values})
    update attempts
    set last_heartbeat_at = v.at
    from v
    where attempts.id = v.id and attempts.user_id = v.user_id and attempts.workstation_id = v.workstation_id
      and attempts.state = 'in_progress'
    returning attempts.id, attempts.service_point_id, attempts.deadline_at, attempts.paused_at`.execute(trx);
  return { alive: new Map(result.rows.map(({ id, ...beaten }) => [id, beaten])), skipped };
}

/** One heartbeat alone: one row, so it never holds a lock while waiting for another. */
export async function heartbeat(db: Executor, r: BeatRow): Promise<Beaten | null> {
  const row = await db
    .updateTable('attempts')
    .set({ last_heartbeat_at: r.at })
    .where('id', '=', r.id)
    .where('user_id', '=', r.userId)
    .where('workstation_id', '=', r.workstationId)
    .where('state', '=', 'in_progress')
    .returning(['service_point_id', 'deadline_at', 'paused_at'])
    .executeTakeFirst();
  return row ?? null;
}

/**
 * PostgreSQL: locks these attempt rows in id order (two instances' batches never deadlock); with `skipLocked`,
 * only the rows nobody holds, which it returns.
 */
function lockInIdOrder(trx: Executor, ids: string[], skipLocked: boolean) {
  const query = trx.selectFrom('attempts').select('id').where('id', 'in', ids).orderBy('id').forUpdate();
  return (skipLocked ? query.skipLocked() : query).execute();
}
