import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * Each running instance writes its heartbeat here: /healthz's write probe (a real write, so a full disk or a
 * read-only database shows), and, at start-up, how long every instance was down (the latest heartbeat of any
 * instance before this one started), for exams that give that time back to the learners in progress.
 * Exams say whether they do (`downtime_credit`, off by default: the deadline is the deadline).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('instance_heartbeats')
    .addColumn('instance_id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('beat_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('exams')
    .addColumn('downtime_credit', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('exams').dropColumn('downtime_credit').execute();
  await db.schema.dropTable('instance_heartbeats').execute();
}
