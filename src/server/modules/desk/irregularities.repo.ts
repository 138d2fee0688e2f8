import type { Insertable, Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

/** « Signaler une irrégularité »: the desk's table; monitoring reads a day's for « Bilan de la journée ». */

export async function insertIrregularity(db: Executor, row: Insertable<Database['irregularities']>) {
  await db.insertInto('irregularities').values(row).execute();
}

/**
 * Which irregularities of a service point (always in the WHERE clause): one learner's, newest first (the
 * learner's file), or those that happened between two instants, in the order they happened (« Bilan de la
 * journée », served by the irregularities_sp_time index); `id` narrows to one.
 */
export type IrregularitiesAt = { servicePointId: string; id?: string } & (
  { learnerId: string } | { from: string; to: string }
);

/** Each with its learner's and reporter's names and the exam's title when it names an attempt. */
export function irregularitiesAt(db: Executor, at: IrregularitiesAt) {
  let q = db
    .selectFrom('irregularities as i')
    .innerJoin('users as l', 'l.id', 'i.learner_id')
    .innerJoin('users as by', 'by.id', 'i.reported_by')
    .leftJoin('attempts as a', 'a.id', 'i.attempt_id')
    .leftJoin('exam_versions as v', 'v.id', 'a.exam_version_id')
    .select([
      'i.id',
      'i.learner_id',
      'i.attempt_id',
      'i.category',
      'i.description',
      'i.occurred_at',
      'l.first_name',
      'l.last_name',
      'by.first_name as by_first_name',
      'by.last_name as by_last_name',
      'v.title as exam_title',
      'v.title_en as exam_title_en',
    ])
    .where('i.service_point_id', '=', at.servicePointId);
  if (at.id) q = q.where('i.id', '=', at.id);
  if ('learnerId' in at)
    return q.where('i.learner_id', '=', at.learnerId).orderBy('i.occurred_at', 'desc').orderBy('i.id').execute();
  return q
    .where('i.occurred_at', '>=', at.from)
    .where('i.occurred_at', '<', at.to)
    .orderBy('i.occurred_at')
    .orderBy('i.id')
    .execute();
}

export type IrregularityRecord = Awaited<ReturnType<typeof irregularitiesAt>>[number];
