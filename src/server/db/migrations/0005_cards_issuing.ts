import type { Kysely } from 'kysely';

/**
 * Cards: a card waits for the photo when the learner passed before one was saved ('awaiting_photo'), and keeps
 * what was certified as it was that day (the holder's name checked at the service point, the training's code
 * and title), so a later profile edit or catalogue rename cannot change a card or its signed statement.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: they do not use the live table types */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cards')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('issued'))
    .execute();
  await db.schema
    .alterTable('cards')
    .addColumn('holder_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('cards')
    .addColumn('training_code', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('cards')
    .addColumn('training_title', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('cards').addColumn('training_title_en', 'text').execute();
  await db.schema.createIndex('cards_state_printed').on('cards').columns(['state', 'printed_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cards_state_printed').execute();
  for (const c of ['training_title_en', 'training_title', 'training_code', 'holder_name', 'state'])
    await db.schema.alterTable('cards').dropColumn(c).execute();
}
