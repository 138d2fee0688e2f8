import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * « Liste des apprenants » at 200,000 learners: every branch of the search reads users in name order
 * from a covering index, and the "is in a training process here" check is one index probe.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('enrolments_user_sp')
    .on('enrolments')
    .columns(['user_id', 'service_point_id', 'status'])
    .execute();
  await db.schema.dropIndex('users_search_last').execute();
  await db.schema.dropIndex('users_search_first').execute();
  await db.schema.createIndex('users_by_name').on('users').columns(['search_last', 'search_first', 'id']).execute();
  await db.schema
    .createIndex('users_by_first_name')
    .on('users')
    .columns(['search_first', 'search_last', 'id'])
    .execute();
  await db.schema
    .createIndex('users_by_email')
    .on('users')
    .columns(['email_lower', 'search_last', 'search_first', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['enrolments_user_sp', 'users_by_name', 'users_by_first_name', 'users_by_email'])
    await db.schema.dropIndex(i).execute();
  await db.schema.createIndex('users_search_last').on('users').columns(['search_last', 'search_first']).execute();
  await db.schema.createIndex('users_search_first').on('users').columns(['search_first', 'search_last']).execute();
}
