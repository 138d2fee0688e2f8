import type { Insertable, Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

/** « Mesures d'adaptation »: the desk's table (attempts reads the extra time at « Commencer », in its own repo). */

export async function insertAccommodation(db: Executor, row: Insertable<Database['accommodations']>) {
  await db.insertInto('accommodations').values(row).execute();
}

/** Revokes one of the learner's accommodations still in force; false when there was none to revoke. */
export async function revokeAccommodation(
  db: Executor,
  id: string,
  learnerId: string,
  values: { revokedAt: string; revokedBy: string },
): Promise<boolean> {
  const r = await db
    .updateTable('accommodations')
    .set({ revoked_at: values.revokedAt, revoked_by: values.revokedBy })
    .where('id', '=', id)
    .where('learner_id', '=', learnerId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function accommodationsOf(db: Executor, learnerId: string) {
  return db
    .selectFrom('accommodations as a')
    .innerJoin('users as by', 'by.id', 'a.created_by')
    .select([
      'a.id',
      'a.kind',
      'a.minutes',
      'a.reason',
      'a.granted_by',
      'a.valid_until',
      'a.created_at',
      'a.revoked_at',
      'by.first_name as by_first_name',
      'by.last_name as by_last_name',
    ])
    .where('a.learner_id', '=', learnerId)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id')
    .execute();
}

export type AccommodationRecord = Awaited<ReturnType<typeof accommodationsOf>>[number];
