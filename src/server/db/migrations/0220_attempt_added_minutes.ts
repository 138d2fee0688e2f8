import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * « Ajouter du temps » has a ceiling for the whole attempt (the exam's duration): `added_minutes` is what the desk
 * added so far, raised in the same conditional write that moves the deadline, so two additions cannot both slip
 * under the ceiling. Attempts before this migration start at 0.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('attempts')
    .addColumn('added_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attempts').dropColumn('added_minutes').execute();
}
