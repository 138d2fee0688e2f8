import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

/*
 * Where the card finds the learner's saved ID photo. Issuing runs inside the transaction that ends the attempt
 * (or saves the photo), so the id is read within that transaction: on SQLite a query outside it would wait.
 */

/** The id of the learner's saved photo, read within the caller's transaction; null when none is saved. */
export async function savedPhotoIdIn(trx: Transaction<Database>, learnerId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('photos')
    .select('id')
    .where('user_id', '=', learnerId)
    .where('state', '=', 'saved')
    .where('cropped_enc', 'is not', null)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The learner's saved, cropped photo (JPEG), decrypted: the photos module's. */
export { savedPhotoOf } from '../photos/photos.service.js';
