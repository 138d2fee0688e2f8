import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * Issue 16, « Examens »: at most one published version per exam, said by the database itself. « Publier » locks
 * the exam's row and retires the version before; this index makes two publications that would both slip through
 * (a missed lock, a hand-made update) fail instead of leaving two « Publiée » versions. 0110 left at most one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index exam_versions_one_published on exam_versions (exam_id) where state = 'published'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index exam_versions_one_published`.execute(db);
}
