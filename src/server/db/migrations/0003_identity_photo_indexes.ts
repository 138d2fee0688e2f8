import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: they do not use the live table types */

/**
 * Identity checks are compared by keyed hash (the same number typed again, or already used for another learner);
 * photos are destroyed once their retention date has passed, and unsaved uploads after a day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('identity_checks_hmac').on('identity_checks').column('number_hmac').execute();
  await db.schema.createIndex('photos_retain_until').on('photos').column('retain_until').execute();
  await db.schema.createIndex('photos_state_created').on('photos').columns(['state', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('photos_state_created').ifExists().execute();
  await db.schema.dropIndex('photos_retain_until').ifExists().execute();
  await db.schema.dropIndex('identity_checks_hmac').ifExists().execute();
}
