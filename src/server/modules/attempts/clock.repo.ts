import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * « Ajouter du temps »: the deadline moves and the attempt's added minutes grow, if the attempt is still in
 * progress with the deadline and the total read before (another change of the clock in between: nothing moves).
 */
export async function addMinutes(
  trx: Transaction<Database>,
  id: string,
  from: { deadlineAt: string; addedMinutes: number },
  to: { deadlineAt: string; addedMinutes: number },
): Promise<boolean> {
  const r = await trx
    .updateTable('attempts')
    .set({ deadline_at: to.deadlineAt, added_minutes: to.addedMinutes })
    .where('id', '=', id)
    .where('state', '=', 'in_progress')
    .where('deadline_at', '=', from.deadlineAt)
    .where('added_minutes', '=', from.addedMinutes)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
