import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

export function learnerName(db: Executor, userId: string) {
  return db.selectFrom('users').select(['first_name', 'last_name']).where('id', '=', userId).executeTakeFirst();
}

export async function insertCheck(db: Executor, row: Database['identity_checks']) {
  await db.insertInto('identity_checks').values(row).execute();
}

/** The learner's most recent check, with who made it and where. */
export function latestCheck(db: Executor, userId: string) {
  return db
    .selectFrom('identity_checks as c')
    .leftJoin('users as op', 'op.id', 'c.checked_by')
    .leftJoin('service_points as sp', 'sp.id', 'c.service_point_id')
    .select([
      'c.id',
      'c.document_type',
      'c.number_masked',
      'c.number_hmac',
      'c.date_of_birth_enc',
      'c.warnings',
      'c.override_reason',
      'c.checked_by',
      'c.service_point_id',
      'c.checked_at',
      'op.first_name as checker_first_name',
      'op.last_name as checker_last_name',
      'sp.name as service_point_name',
    ])
    .where('c.user_id', '=', userId)
    .orderBy('c.checked_at', 'desc')
    .orderBy('c.id')
    .limit(1)
    .executeTakeFirst();
}

/** The learner's latest check with this keyed hash (the same number typed again). */
export function latestWithHash(db: Executor, userId: string, hmac: string) {
  return db
    .selectFrom('identity_checks')
    .select(['id', 'checked_at'])
    .where('user_id', '=', userId)
    .where('number_hmac', '=', hmac)
    .orderBy('checked_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Whether another learner's identity was confirmed with this keyed hash. */
export async function usedByOtherLearner(db: Executor, userId: string, hmac: string): Promise<boolean> {
  const row = await db
    .selectFrom('identity_checks')
    .select('id')
    .where('number_hmac', '=', hmac)
    .where('user_id', '<>', userId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
