import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

/** PostgreSQL: the heartbeats locked until the transaction ends (SQLite's transactions are serialised). */
export async function lockHeartbeats(trx: Transaction<Database>): Promise<void> {
  await sql`lock table instance_heartbeats in exclusive mode`.execute(trx);
}

/** This instance's heartbeat: inserted at its first beat, moved forward at every other. */
export async function beat(db: Executor, instanceId: string, startedAt: string, at: string): Promise<void> {
  await db
    .insertInto('instance_heartbeats')
    .values({ instance_id: instanceId, started_at: startedAt, beat_at: at })
    .onConflict((oc) => oc.column('instance_id').doUpdateSet({ beat_at: at }))
    .execute();
}

/** The latest heartbeat of any instance other than `instanceId` (null when none ever beat). */
export async function latestBeatOfOthers(db: Executor, instanceId: string): Promise<string | null> {
  const row = await db
    .selectFrom('instance_heartbeats')
    .select((eb) => eb.fn.max('beat_at').as('at'))
    .where('instance_id', '<>', instanceId)
    .executeTakeFirst();
  return row?.at ?? null;
}

/** Heartbeats older than `before` (instances long gone) are forgotten. */
export async function forgetBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('instance_heartbeats').where('beat_at', '<', before).execute();
}
