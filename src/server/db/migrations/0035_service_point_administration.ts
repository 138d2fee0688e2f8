import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * Issue 16, the organisation in the browser:
 * - a service point has a contact and may be closed (kept for history; no new authorization there);
 * - a workstation may be retired, and remembers when a browser was registered for it and last seen;
 *   `registrations_valid_from` is set by « Révoquer l'enregistrement »: a browser's cookie signed before it
 *   no longer names the workstation (cookies issued before this migration carry no date and stay valid until
 *   the first revocation);
 * - « Gestionnaire de point de service », per service point, stored like the operator role;
 * - an account may be deactivated (cannot sign in; its history stays); accounts are listed newest first too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('service_points')
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('service_points').addColumn('closed_at', 'text').execute();
  for (const column of ['retired_at', 'registered_at', 'last_seen_at', 'registrations_valid_from']) {
    await db.schema.alterTable('workstations').addColumn(column, 'text').execute();
  }
  await db.schema
    .createTable('manager_service_points')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('service_point_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('manager_service_points_pk', ['user_id', 'service_point_id'])
    .execute();
  await db.schema
    .createIndex('manager_service_points_sp')
    .on('manager_service_points')
    .columns(['service_point_id'])
    .execute();
  await db.schema
    .createIndex('operator_service_points_sp')
    .on('operator_service_points')
    .columns(['service_point_id'])
    .execute();
  await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();
  // « Comptes » sorted newest first, a page at a time, among 200,000 accounts.
  await db.schema.createIndex('users_by_created').on('users').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_by_created').execute();
  await db.schema.alterTable('users').dropColumn('deactivated_at').execute();
  await db.schema.dropIndex('operator_service_points_sp').execute();
  await db.schema.dropTable('manager_service_points').execute();
  for (const column of ['registrations_valid_from', 'last_seen_at', 'registered_at', 'retired_at']) {
    await db.schema.alterTable('workstations').dropColumn(column).execute();
  }
  await db.schema.alterTable('service_points').dropColumn('closed_at').execute();
  await db.schema.alterTable('service_points').dropColumn('contact').execute();
}
