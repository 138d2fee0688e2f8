import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * An attempt's last sequence number and last answer time are read from its answers (the answers' primary
 * key starts with the attempt): keeping copies on the attempt rewrote the attempt's row, paper included, at
 * every save.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attempts').dropColumn('last_seq').execute();
  await db.schema.alterTable('attempts').dropColumn('last_answer_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('attempts')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('attempts').addColumn('last_answer_at', 'text').execute();
}
