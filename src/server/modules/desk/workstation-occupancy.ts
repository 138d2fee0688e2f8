import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
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
