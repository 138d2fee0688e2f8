import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/** The service point's daily summary reads the exams authorized for a day there: one index range. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('attempts_sp_day')
    .on('attempts')
    .columns(['service_point_id', 'authorized_for'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attempts_sp_day').execute();
}
