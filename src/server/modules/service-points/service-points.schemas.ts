import { z } from 'zod';
import { identifier, personName, text } from '../../../shared/text-input.js';

const page = z.coerce.number().int().min(1).max(10_000).default(1);
/** A query's yes/no (« Afficher les points fermés »): `1`/`true` or `0`/`false`. */
const flag = z
  .enum(['0', '1', 'true', 'false'])
  .default('0')
  .transform((v) => v === '1' || v === 'true');

export const servicePointParams = z.object({ servicePointId: identifier() });
export const workstationParams = z.object({ workstationId: identifier() });

export const servicePointListQuery = z.object({
  q: text({ max: 120 }).default(''),
  sort: z.enum(['name', 'created']).default('name'),
  closed: flag,
  page,
});

/** Name, address and contact are shown to learners and printed on reports: visible characters only. */
export const servicePointBody = z.object({
  name: personName({ min: 2, max: 120 }),
  address: text({ min: 5, max: 300 }),
  timeZone: text({ min: 3, max: 64 }).default('America/Toronto'),
  contact: text({ max: 300 }).default(''),
});
export const newServicePointBody = servicePointBody.extend({
  workstations: z.number().int().min(0).max(200).default(0),
});

export const workstationListQuery = z.object({
  q: text({ max: 60 }).default(''),
  sort: z.enum(['name', 'lastSeen']).default('name'),
  retired: flag,
  page,
});
export const workstationBody = z.object({ name: personName({ min: 1, max: 60 }) });

export const staffBody = z.object({ userId: identifier(), role: z.enum(['operator', 'manager']) });
