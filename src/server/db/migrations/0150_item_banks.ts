import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * Issue 18, item banks: a training's bank of items (`bank_items`), filled by importing a QTI package of items
 * without a test; an exam's sections draw from it (the items are copied into the exam version, which never
 * changes). One row per item of the bank, its id unique within the training; `content` is the item as
 * ExamContent holds it (keys included: never sent to a learner as is).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bank_items')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text')
    .execute();
  await db.schema
    .createIndex('bank_items_training_item')
    .unique()
    .on('bank_items')
    .columns(['training_id', 'item_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bank_items').execute();
}
