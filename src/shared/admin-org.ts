import { z } from 'zod';
import { localizedText } from './api/common.js';

/**
 * Replies of the organisation's administration (« Points de service », « Postes de travail », « Opérateurs »,
 * « Comptes »): the server declares them on its routes, the web app reads their inferred types.
 */

const when = z.string().nullable();

export const servicePointRow = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  timeZone: z.string(),
  contact: z.string(),
  closedAt: when,
  createdAt: z.string(),
  workstations: z.number(),
  operators: z.number(),
});
export const servicePointListReply = z.object({
  servicePoints: z.array(servicePointRow),
  page: z.number(),
  hasMore: z.boolean(),
});

export const staffMember = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string(),
  userCode: z.string(),
  deactivated: z.boolean(),
  since: z.string(),
});
export const servicePointDetailReply = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  timeZone: z.string(),
  contact: z.string(),
  closedAt: when,
  createdAt: z.string(),
  workstations: z.array(z.object({ id: z.string(), name: z.string() })),
  operators: z.array(staffMember),
  managers: z.array(staffMember),
});

export const workstationRow = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  retiredAt: when,
  registered: z.boolean(),
  registeredAt: when,
  lastSeenAt: when,
});
export const workstationListReply = z.object({
  servicePoint: z.object({ id: z.string(), name: z.string(), timeZone: z.string(), closedAt: when }),
  workstations: z.array(workstationRow),
  page: z.number(),
  hasMore: z.boolean(),
});

export const accountRow = z.object({
  id: z.string(),
  username: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string(),
  userCode: z.string(),
  deactivated: z.boolean(),
});
export const accountListReply = z.object({ accounts: z.array(accountRow), page: z.number(), hasMore: z.boolean() });

const pointRef = z.object({ id: z.string(), name: z.string() });
export const accountDetailReply = accountRow.extend({
  createdAt: z.string(),
  deactivatedAt: when,
  language: z.enum(['fr', 'en']),
  /** Failed sign-ins in the throttle's memory, and whether some address must wait (« Débloquer »). */
  recentFailures: z.number(),
  locked: z.boolean(),
  roles: z.object({ admin: z.boolean(), operatorAt: z.array(pointRef), managerAt: z.array(pointRef) }),
  enrolments: z.array(
    z.object({ trainingCode: z.string(), trainingTitle: localizedText, servicePoint: z.string(), status: z.string() }),
  ),
});

export const okReply = z.object({ ok: z.literal(true) });
export const resetLinkReply = z.object({ sent: z.boolean() });
export const createdReply = z.object({ id: z.string() });

export type ServicePointList = z.infer<typeof servicePointListReply>;
export type ServicePointDetail = z.infer<typeof servicePointDetailReply>;
export type StaffMember = z.infer<typeof staffMember>;
export type WorkstationRow = z.infer<typeof workstationRow>;
export type WorkstationList = z.infer<typeof workstationListReply>;
export type AccountList = z.infer<typeof accountListReply>;
export type AccountDetail = z.infer<typeof accountDetailReply>;
export type StaffRole = 'operator' | 'manager';
