import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database, ServicePointsTable } from '../../db/schema.js';
import type { Updateable } from 'kysely';

type Executor = Db | Transaction<Database>;
type NewServicePoint = Omit<Database['service_points'], 'contact' | 'closed_at'> & { contact?: string };
type NewWorkstation = Pick<Database['workstations'], 'id' | 'service_point_id' | 'name' | 'created_at'>;

/** Which service points a query may see: every one (an administrator), or these (a manager's). */
export type PointScope = readonly string[] | null;

export type StaffRole = 'operator' | 'manager';
const staffTable = { operator: 'operator_service_points', manager: 'manager_service_points' } as const;

export async function insertServicePoint(db: Executor, row: NewServicePoint) {
  await db.insertInto('service_points').values(row).execute();
}

export function findServicePointByName(db: Executor, name: string) {
  return db.selectFrom('service_points').selectAll().where('name', '=', name).executeTakeFirst();
}

export function findServicePoint(db: Executor, id: string, scope: PointScope = null) {
  let q = db.selectFrom('service_points').selectAll().where('id', '=', id);
  if (scope) q = q.where('id', 'in', scope.length ? scope : ['']);
  return q.executeTakeFirst();
}

export interface PointSearch {
  scope: PointScope;
  q: string;
  sort: 'name' | 'created';
  includeClosed: boolean;
  offset: number;
  limit: number;
}

/** « Points de service »: a page of them, with their open workstations and staff counted. */
export function searchServicePoints(db: Executor, s: PointSearch) {
  let q = db.selectFrom('service_points as sp').select((eb) => [
    'sp.id',
    'sp.name',
    'sp.address',
    'sp.time_zone',
    'sp.contact',
    'sp.closed_at',
    'sp.created_at',
    eb
      .selectFrom('workstations as w')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('w.service_point_id', '=', 'sp.id')
      .where('w.retired_at', 'is', null)
      .as('workstations'),
    eb
      .selectFrom('operator_service_points as o')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('o.service_point_id', '=', 'sp.id')
      .as('operators'),
  ]);
  if (s.scope) q = q.where('sp.id', 'in', s.scope.length ? s.scope : ['']);
  if (!s.includeClosed) q = q.where('sp.closed_at', 'is', null);
  if (s.q) {
    const like = `%${s.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql<string>`lower(sp.name)`, 'like', sql<string>`${like} escape '\\'`),
        eb(sql<string>`lower(sp.address)`, 'like', sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  q = s.sort === 'created' ? q.orderBy('sp.created_at', 'desc').orderBy('sp.id') : q.orderBy('sp.name');
  return q.offset(s.offset).limit(s.limit).execute();
}

export async function updateServicePoint(
  db: Executor,
  id: string,
  patch: Pick<Updateable<ServicePointsTable>, 'name' | 'address' | 'time_zone' | 'contact' | 'closed_at'>,
) {
  const r = await db.updateTable('service_points').set(patch).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertWorkstation(db: Executor, row: NewWorkstation) {
  await db.insertInto('workstations').values(row).execute();
}

/** The workstations still in use at a service point (retired ones are kept for history, not offered). */
export function workstationsOf(db: Executor, servicePointId: string) {
  return db
    .selectFrom('workstations')
    .selectAll()
    .where('service_point_id', '=', servicePointId)
    .where('retired_at', 'is', null)
    .orderBy('name')
    .execute();
}

/** « Postes de travail » of a service point, retired ones too when asked, by name or by last seen. */
export function workstationList(
  db: Executor,
  servicePointId: string,
  s: { q: string; includeRetired: boolean; sort: 'name' | 'lastSeen'; offset: number; limit: number },
) {
  let q = db.selectFrom('workstations').selectAll().where('service_point_id', '=', servicePointId);
  if (!s.includeRetired) q = q.where('retired_at', 'is', null);
  if (s.q) q = q.where(sql<string>`lower(name)`, 'like', `%${s.q.replace(/[\\%_]/g, '')}%`);
  q = s.sort === 'lastSeen' ? q.orderBy('last_seen_at', 'desc').orderBy('name') : q.orderBy('name');
  return q.offset(s.offset).limit(s.limit).execute();
}

/** Workstations by id (several browsers' registration checks in one query: workstations.service's reader). */
export function findWorkstations(db: Executor, ids: string[]) {
  return db.selectFrom('workstations').selectAll().where('id', 'in', ids).execute();
}

/** A workstation within a scope: "not yours" reads exactly like "does not exist". */
export function findWorkstationInScope(db: Executor, id: string, scope: PointScope) {
  let q = db.selectFrom('workstations').selectAll().where('id', '=', id);
  if (scope) q = q.where('service_point_id', 'in', scope.length ? scope : ['']);
  return q.executeTakeFirst();
}

export function workstationNamed(db: Executor, servicePointId: string, name: string) {
  return db
    .selectFrom('workstations')
    .select('id')
    .where('service_point_id', '=', servicePointId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function updateWorkstation(
  db: Executor,
  id: string,
  patch: Partial<
    Pick<
      Database['workstations'],
      'name' | 'retired_at' | 'registered_at' | 'last_seen_at' | 'registrations_valid_from'
    >
  >,
) {
  await db.updateTable('workstations').set(patch).where('id', '=', id).execute();
}

export function findWorkstationWithPoint(db: Executor, id: string) {
  return db
    .selectFrom('workstations as w')
    .innerJoin('service_points as sp', 'sp.id', 'w.service_point_id')
    .select(['w.id', 'w.name', 'sp.id as service_point_id', 'sp.name as service_point_name'])
    .where('w.id', '=', id)
    .executeTakeFirst();
}

// The two role tables named in full (not through a lookup), so the table-ownership check sees who writes them.
export async function grantRole(db: Executor, role: StaffRole, userId: string, servicePointId: string, at: string) {
  const row = { user_id: userId, service_point_id: servicePointId, created_at: at };
  if (role === 'operator')
    await db
      .insertInto('operator_service_points')
      .values(row)
      .onConflict((oc) => oc.columns(['user_id', 'service_point_id']).doNothing())
      .execute();
  else
    await db
      .insertInto('manager_service_points')
      .values(row)
      .onConflict((oc) => oc.columns(['user_id', 'service_point_id']).doNothing())
      .execute();
}

export async function removeRole(db: Executor, role: StaffRole, userId: string, servicePointId: string) {
  const r =
    role === 'operator'
      ? await db
          .deleteFrom('operator_service_points')
          .where('user_id', '=', userId)
          .where('service_point_id', '=', servicePointId)
          .executeTakeFirst()
      : await db
          .deleteFrom('manager_service_points')
          .where('user_id', '=', userId)
          .where('service_point_id', '=', servicePointId)
          .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function isOperatorOf(db: Executor, userId: string, servicePointId: string) {
  return !!(await db
    .selectFrom('operator_service_points')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('service_point_id', '=', servicePointId)
    .executeTakeFirst());
}

/** The operators and managers of a service point, by name. */
export async function staffOf(db: Executor, servicePointId: string) {
  const of = (role: StaffRole) =>
    db
      .selectFrom(`${staffTable[role]} as r`)
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.id', 'u.first_name', 'u.last_name', 'u.email', 'u.user_code', 'u.deactivated_at', 'r.created_at'])
      .where('r.service_point_id', '=', servicePointId)
      .orderBy('u.search_last')
      .orderBy('u.search_first')
      .execute();
  const [operators, managers] = await Promise.all([of('operator'), of('manager')]);
  return { operators, managers };
}

export function userExists(db: Executor, userId: string) {
  return db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
}
