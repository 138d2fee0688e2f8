import type { Transaction } from 'kysely';
import { STATES } from '../../../shared/attempt-states.js';
import type { Database } from '../../db/schema.js';

/**
 * PostgreSQL: holds the workstation's row until the transaction ends, so two transactions putting an attempt
 * on it run one after the other and the second reads what the first wrote. SQLite's write transactions
 * (`BEGIN IMMEDIATE`) already run one at a time.
 */
export async function lockWorkstation(trx: Transaction<Database>, workstationId: string, postgres: boolean) {
  if (postgres)
    await trx.selectFrom('workstations').select('id').where('id', '=', workstationId).forNoKeyUpdate().execute();
}

/** Another learner with an open attempt (authorized or in progress) on the workstation, if any. */
export function otherOccupant(trx: Transaction<Database>, workstationId: string, learnerId: string) {
  return trx
    .selectFrom('attempts as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['u.first_name', 'u.last_name'])
    .where('a.workstation_id', '=', workstationId)
    .where('a.state', 'in', STATES.open)
    .where('a.user_id', '<>', learnerId)
    .limit(1)
    .executeTakeFirst();
}
