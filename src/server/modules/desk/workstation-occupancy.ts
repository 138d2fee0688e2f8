import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { DomainError } from '../../errors.js';
import * as repo from './desk.repo.js';

type Executor = Db | Transaction<Database>;

export interface Occupant {
  workstationId: string;
  learnerId: string;
  firstName: string | null;
  lastName: string | null;
}

/** Who holds each workstation of a service point now (a workstation absent from the list is free). */
export async function occupantsAt(db: Executor, servicePointId: string): Promise<Occupant[]> {
  const rows = await repo.occupantRowsAt(db, servicePointId);
  return rows.map((r) => ({
    workstationId: r.workstation_id,
    learnerId: r.user_id,
    firstName: r.first_name,
    lastName: r.last_name,
  }));
}

export const occupantName = (o: Occupant) => [o.firstName, o.lastName].filter(Boolean).join(' ');

/**
 * « Autoriser l'examen » on a workstation another learner holds is refused, naming the workstation and who holds
 * it (409 `workstation_occupied`); the same learner may be authorized there for another exam.
 */
export async function assertWorkstationFree(
  ctx: AppContext,
  workstation: { id: string; name: string },
  servicePointId: string,
  learnerId: string,
) {
  const other = (await occupantsAt(ctx.db, servicePointId)).find(
    (o) => o.workstationId === workstation.id && o.learnerId !== learnerId,
  );
  if (other)
    throw new DomainError('workstation_occupied', {
      field: 'workstationId',
      params: { workstation: workstation.name, name: occupantName(other) },
    });
}
