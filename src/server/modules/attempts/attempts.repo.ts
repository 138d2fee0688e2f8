import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { AttemptState, Database, EnrolmentStatus } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

/** The attempt with what its screens and checks need: exam version summary, workstation, service point. */
export function findAttemptView(db: Executor, id: string) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('exam_versions as v', 'v.id', 'a.exam_version_id')
    .innerJoin('workstations as w', 'w.id', 'a.workstation_id')
    .innerJoin('service_points as sp', 'sp.id', 'a.service_point_id')
    .select([
      'a.id',
      'a.user_id',
      'a.enrolment_id',
      'a.exam_version_id',
      'a.service_point_id',
      'a.workstation_id',
      'a.state',
      'a.authorized_for',
      'a.started_at',
      'a.deadline_at',
      'a.ended_at',
      'a.ended_by',
      'a.items',
      'a.last_seq',
      'a.score_points',
      'a.max_points',
      'a.percentage',
      'a.outcome',
      'v.title',
      'v.title_en',
      'v.duration_minutes',
      'v.passing_mark',
      'v.draw_count',
      'w.name as workstation_name',
      'sp.name as service_point_name',
      'sp.time_zone',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export type AttemptView = NonNullable<Awaited<ReturnType<typeof findAttemptView>>>;

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

export function findExamVersion(db: Executor, id: string) {
  return db.selectFrom('exam_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findWorkstationWithPoint(db: Executor, id: string) {
  return db
    .selectFrom('workstations as w')
    .innerJoin('service_points as sp', 'sp.id', 'w.service_point_id')
    .select(['w.id', 'w.name', 'sp.id as service_point_id', 'sp.name as service_point_name'])
    .where('w.id', '=', id)
    .executeTakeFirst();
}

const affected = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows);

/** authorized → in_progress, the one conditional write of « Commencer ». */
export async function markStarted(
  trx: Executor,
  id: string,
  userId: string,
  values: { started_at: string; deadline_at: string; items: string },
): Promise<boolean> {
  const r = await trx
    .updateTable('attempts')
    .set({ state: 'in_progress', ...values })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('state', '=', 'authorized')
    .executeTakeFirst();
  return affected(r) === 1;
}

/**
 * in_progress → submitted | terminated | expired. Expiry also requires the deadline to be past.
 * The first transition to commit wins; the others find the state changed and update nothing.
 */
export async function markEnded(
  trx: Executor,
  id: string,
  to: Extract<AttemptState, 'submitted' | 'terminated' | 'expired'>,
  values: { ended_at: string; ended_by: string | null },
): Promise<boolean> {
  let q = trx
    .updateTable('attempts')
    .set({ state: to, ...values })
    .where('id', '=', id)
    .where('state', '=', 'in_progress');
  if (to === 'expired') q = q.where('deadline_at', '<=', values.ended_at);
  return affected(await q.executeTakeFirst()) === 1;
}

export async function setScore(
  trx: Executor,
  id: string,
  score: { score_points: number; max_points: number; percentage: number; outcome: 'passed' | 'failed' },
) {
  await trx.updateTable('attempts').set(score).where('id', '=', id).execute();
}

export async function setEnrolmentStatus(trx: Executor, enrolmentId: string, status: EnrolmentStatus, at: string) {
  await trx.updateTable('enrolments').set({ status, updated_at: at }).where('id', '=', enrolmentId).execute();
}

/**
 * The attempt-side half of saving an answer: still in progress, before the deadline; raises last_seq.
 * On PostgreSQL it also takes the attempt's row lock, so an ending transition waits for this save
 * (and then scores it) or this save waits for the ending (and then finds the state changed).
 */
export async function touchForAnswer(trx: Executor, id: string, seq: number, now: string): Promise<boolean> {
  const r = await trx
    .updateTable('attempts')
    .set({
      last_seq: sql<number>`case when last_seq < ${seq} then ${seq} else last_seq end`,
      last_answer_at: now,
    })
    .where('id', '=', id)
    .where('state', '=', 'in_progress')
    .where('deadline_at', '>', now)
    .executeTakeFirst();
  return affected(r) === 1;
}

/** Idempotent upsert: an older or repeated sequence number never overwrites a newer answer. */
export async function upsertAnswer(trx: Executor, row: Database['answers']): Promise<boolean> {
  const saved = await trx
    .insertInto('answers')
    .values(row)
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
    .returning('seq')
    .executeTakeFirst();
  return !!saved;
}

export function findAnswer(db: Executor, attemptId: string, itemId: string) {
  return db
    .selectFrom('answers')
    .select(['seq', 'response', 'flagged'])
    .where('attempt_id', '=', attemptId)
    .where('item_id', '=', itemId)
    .executeTakeFirst();
}

export function answersOf(db: Executor, attemptId: string) {
  return db
    .selectFrom('answers')
    .select(['item_id', 'response', 'flagged', 'seq', 'saved_at'])
    .where('attempt_id', '=', attemptId)
    .execute();
}

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
export async function dueForExpiry(db: Executor, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('attempts')
    .select('id')
    .where('state', '=', 'in_progress')
    .where('deadline_at', '<=', now)
    .orderBy('deadline_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
