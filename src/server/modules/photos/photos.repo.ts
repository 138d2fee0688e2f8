import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database, PhotosTable } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

export function learnerName(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .select(['first_name', 'last_name', 'user_code'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** The learner's photo row without its pictures. */
export function photoOf(db: Executor, userId: string) {
  return db
    .selectFrom('photos as p')
    .leftJoin('users as op', 'op.id', 'p.uploaded_by')
    .select([
      'p.id',
      'p.state',
      'p.file_name',
      'p.original_width',
      'p.original_height',
      'p.crop',
      'p.checklist',
      'p.checks',
      'p.override_reason',
      'p.uploaded_by',
      'p.service_point_id',
      'p.created_at',
      'p.saved_at',
      'p.retain_until',
      'op.first_name as uploader_first_name',
      'op.last_name as uploader_last_name',
    ])
    .select((eb) => [
      eb('p.original_enc', 'is not', null).as('has_original'),
      eb('p.cropped_enc', 'is not', null).as('has_cropped'),
    ])
    .where('p.user_id', '=', userId)
    .executeTakeFirst();
}

/** The learner's photo row with its encrypted pictures. */
export function photoWithImages(db: Executor, userId: string) {
  return db.selectFrom('photos').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** The id of the learner's saved, cropped photo. */
export async function savedPhotoId(db: Executor, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('photos')
    .select('id')
    .where('user_id', '=', userId)
    .where('state', '=', 'saved')
    .where('cropped_enc', 'is not', null)
    .executeTakeFirst();
  return row?.id;
}

export async function insertPhoto(db: Executor, row: PhotosTable) {
  await db.insertInto('photos').values(row).execute();
}

export async function deletePhoto(db: Executor, id: string): Promise<boolean> {
  const res = await db.deleteFrom('photos').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Updates a photo only while it is still unsaved (two operators racing leave one winner). */
export async function updateUnsaved(
  db: Executor,
  id: string,
  set: Partial<Omit<PhotosTable, 'id' | 'user_id'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('photos')
    .set(set)
    .where('id', '=', id)
    .where('state', '=', 'uploaded')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Photos to destroy: saved ones past their retention date, unsaved uploads left since `unsavedBefore`. */
export function expiredPhotos(db: Executor, now: string, unsavedBefore: string, limit: number) {
  return db
    .selectFrom('photos')
    .select(['id', 'user_id', 'state', 'service_point_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'saved'), eb('retain_until', '<', now)]),
        eb.and([eb('state', '=', 'uploaded'), eb('created_at', '<', unsavedBefore)]),
      ]),
    )
    .limit(limit)
    .execute();
}
