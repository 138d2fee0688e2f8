import type { Insertable, Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

/** « Signaler une irrégularité »: the desk's table; monitoring reads a day's for « Bilan de la journée ». */

export async function insertIrregularity(db: Executor, row: Insertable<Database['irregularities']>) {
  await db.insertInto('irregularities').values(row).execute();
}

/** The learner's irregularities at a service point (the service point in the WHERE clause), newest first. */
export function irregularitiesOf(db: Executor, learnerId: string, servicePointId: string, id?: string) {
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
    .where('i.learner_id', '=', learnerId)
    .where('i.service_point_id', '=', servicePointId);
  if (id) q = q.where('i.id', '=', id);
  return q.orderBy('i.occurred_at', 'desc').orderBy('i.id').execute();
}

export type IrregularityRecord = Awaited<ReturnType<typeof irregularitiesOf>>[number];
