import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';

/*
 * The learner's saved ID photo, read straight from the photos table until the photos module (issue #4) is on
 * main: then `savedPhotoOf` is replaced by that module's export of the same name and shape, and
 * `savedPhotoIdIn` by a transaction-aware variant of it (issuing runs inside the attempt's transaction, and on
 * SQLite a query outside that transaction would wait for it forever).
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

/** The learner's saved, cropped photo (JPEG), decrypted; null when none is saved. */
export async function savedPhotoOf(ctx: AppContext, learnerId: string): Promise<{ id: string; jpeg: Buffer } | null> {
  const row = await ctx.db
    .selectFrom('photos')
    .select(['id', 'cropped_enc'])
    .where('user_id', '=', learnerId)
    .where('state', '=', 'saved')
    .executeTakeFirst();
  if (!row?.cropped_enc) return null;
  return { id: row.id, jpeg: ctx.secrets.decrypt(row.cropped_enc) };
}
