import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

export async function insertServicePoint(db: Executor, row: Database['service_points']) {
  await db.insertInto('service_points').values(row).execute();
}

export function findServicePointByName(db: Executor, name: string) {
  return db.selectFrom('service_points').selectAll().where('name', '=', name).executeTakeFirst();
}

export function findServicePoint(db: Executor, id: string) {
  return db.selectFrom('service_points').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertWorkstation(db: Executor, row: Database['workstations']) {
  await db.insertInto('workstations').values(row).execute();
}

export function workstationsOf(db: Executor, servicePointId: string) {
  return db
    .selectFrom('workstations')
    .selectAll()
    .where('service_point_id', '=', servicePointId)
    .orderBy('name')
    .execute();
}

export function findWorkstationWithPoint(db: Executor, id: string) {
  return db
    .selectFrom('workstations as w')
    .innerJoin('service_points as sp', 'sp.id', 'w.service_point_id')
    .select(['w.id', 'w.name', 'sp.id as service_point_id', 'sp.name as service_point_name'])
    .where('w.id', '=', id)
    .executeTakeFirst();
}

export async function grantOperator(db: Executor, userId: string, servicePointId: string, at: string) {
  await db
    .insertInto('operator_service_points')
    .values({ user_id: userId, service_point_id: servicePointId, created_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'service_point_id']).doNothing())
    .execute();
}

export async function removeOperator(db: Executor, userId: string, servicePointId: string) {
  const r = await db
    .deleteFrom('operator_service_points')
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
