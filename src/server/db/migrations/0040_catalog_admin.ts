import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * Issue 16, the catalog in the browser:
 * - a training's retake rules (at most `max_attempts` attempts, `retake_wait_days` days after « Échec »;
 *   stored and shown here, enforced at authorization) and whether operators may enrol walk-ins at the counter;
 * - which service points offer a training (`training_service_points`); the pairs already in use by an
 *   enrolment are offered from the start, so nothing that worked stops working;
 * - the indexes the administration lists read: enrolments of a service point or a training in date order, the
 *   audit log by actor, action, service point and date (each read newest first, by id).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('trainings')
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .execute();
  await db.schema
    .alterTable('trainings')
    .addColumn('retake_wait_days', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('trainings')
    .addColumn('counter_enrolment', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('trainings').addColumn('updated_at', 'text').execute();

  await db.schema
    .createTable('training_service_points')
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
    .addColumn('service_point_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_service_points_pk', ['training_id', 'service_point_id'])
    .execute();
  await db.schema
    .createIndex('training_service_points_sp')
    .on('training_service_points')
    .columns(['service_point_id', 'training_id'])
    .execute();
  await sql`insert into training_service_points (training_id, service_point_id, created_at)
    select training_id, service_point_id, min(created_at) from enrolments group by training_id, service_point_id`.execute(
    db,
  );

  await db.schema
    .createIndex('enrolments_sp_created')
    .on('enrolments')
    .columns(['service_point_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('enrolments_training_created')
    .on('enrolments')
    .columns(['training_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('enrolments_created').on('enrolments').columns(['created_at', 'id']).execute();

  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'id']).execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();
  await db.schema.createIndex('audit_log_sp').on('audit_log').columns(['service_point_id', 'id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of [
    'audit_log_at',
    'audit_log_sp',
    'audit_log_action',
    'audit_log_actor',
    'enrolments_created',
    'enrolments_training_created',
    'enrolments_sp_created',
  ])
    await db.schema.dropIndex(i).execute();
  await db.schema.dropTable('training_service_points').execute();
  for (const c of ['updated_at', 'counter_enrolment', 'retake_wait_days', 'max_attempts'])
    await db.schema.alterTable('trainings').dropColumn(c).execute();
}
