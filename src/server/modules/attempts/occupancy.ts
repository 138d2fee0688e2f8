import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { DomainError } from '../../errors.js';
import * as repo from './occupancy.repo.js';

/**
 * One learner per workstation: an attempt is put on a workstation (« Autoriser l'examen », « Déplacer vers un
 * autre poste ») only when no other learner holds it with an open attempt; the same learner may hold it for
 * several exams. Checked inside the transaction that writes the attempt, after taking the workstation's lock
 * (PostgreSQL; SQLite's write transactions run one at a time), so two operators authorizing at the same moment
 * cannot both pass: the second reads the first's attempt and is refused (409 `workstation_occupied`, naming the
 * workstation and who holds it).
 */
export async function claimWorkstation(
  ctx: AppContext,
  trx: Transaction<Database>,
  workstation: { id: string; name: string },
  learnerId: string,
): Promise<void> {
  await repo.lockWorkstation(trx, workstation.id, ctx.dbKind === 'postgres');
  const other = await repo.otherOccupant(trx, workstation.id, learnerId);
  if (other)
    throw new DomainError('workstation_occupied', {
      field: 'workstationId',
      params: {
        workstation: workstation.name,
        name: [other.first_name, other.last_name].filter(Boolean).join(' '),
      },
    });
}
