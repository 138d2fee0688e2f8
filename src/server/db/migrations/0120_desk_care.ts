import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * Issue 17, the desk's care of a learner:
 * - « Mesures d'adaptation » on the learner's file: extra time (+25 %, +50 % of the exam's duration, or a number
 *   of minutes) or a separate room, with a reason, who granted it and the last day it holds; revoked, never
 *   deleted (the audit names them);
 * - `attempts.extra_minutes`: the extra time an accommodation gave at « Commencer » (already in its deadline);
 * - « Signaler une irrégularité » on a learner, or one of their attempts: never changes a score.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accommodations')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('learner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('service_point_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('accommodations_learner').on('accommodations').columns(['learner_id']).execute();
  await db.schema
    .alterTable('attempts')
    .addColumn('extra_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('irregularities')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('learner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('attempt_id', 'text', (c) => c.references('attempts.id'))
    .addColumn('service_point_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('irregularities_learner').on('irregularities').columns(['learner_id']).execute();
  // « Bilan de la journée »: a service point's irregularities of a day.
  await db.schema
    .createIndex('irregularities_sp_time')
    .on('irregularities')
    .columns(['service_point_id', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('irregularities').execute();
  await db.schema.alterTable('attempts').dropColumn('extra_minutes').execute();
  await db.schema.dropTable('accommodations').execute();
}
