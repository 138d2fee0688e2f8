import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * « Mettre en pause » / « Reprendre »: a pause is a flag on an attempt in progress, not a state of its own
 * (docs/attempts.md). `paused_at` is when the running pause began (null: the clock runs); `paused_ms` the
 * pauses already ended, added to the deadline at each « Reprendre ». `moved_at`: « Déplacer vers un autre
 * poste » — the clock stands still from the move until the learner opens the exam on the new workstation,
 * which resumes it. All in the row, so a paused attempt stays paused across a restart.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attempts').addColumn('paused_at', 'text').execute();
  await db.schema
    .alterTable('attempts')
    .addColumn('paused_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('attempts').addColumn('moved_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attempts').dropColumn('moved_at').execute();
  await db.schema.alterTable('attempts').dropColumn('paused_ms').execute();
  await db.schema.alterTable('attempts').dropColumn('paused_at').execute();
}
