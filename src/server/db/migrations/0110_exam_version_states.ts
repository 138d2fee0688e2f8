import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * Issue 16, « Examens »: an exam version has a state. `draft` (« Brouillon »): imported in the browser, shown to
 * the administrator, never authorized; `published` (« Publiée »): the exam's current version, the one new
 * authorizations use (at most one per exam: `exams.current_version_id`); `retired` (« Retirée »): no new
 * authorization, the attempts that hold it keep it. Versions written before were published when imported; those
 * no longer current had been replaced, so they read as retired.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('exam_versions')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('published'))
    .execute();
  await db.schema.alterTable('exam_versions').addColumn('published_at', 'text').execute();
  await db.schema.alterTable('exam_versions').addColumn('retired_at', 'text').execute();
  await sql`update exam_versions set published_at = created_at`.execute(db);
  await sql`update exam_versions set state = 'retired'
    where id not in (select current_version_id from exams where current_version_id is not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['retired_at', 'published_at', 'state'])
    await db.schema.alterTable('exam_versions').dropColumn(c).execute();
}
