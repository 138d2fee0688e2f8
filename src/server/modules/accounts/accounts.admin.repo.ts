import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;
type SearchField = 'search_last' | 'search_first' | 'email_lower';
const FIELDS: SearchField[] = ['search_last', 'search_first', 'email_lower'];
const upper = (p: string) => p + '\uffff';

const accountColumns = [
  'id',
  'username',
  'first_name',
  'last_name',
  'email',
  'user_code',
  'deactivated_at',
  'created_at',
] as const;

/**
 * Accounts whose last name, first name or e-mail starts with every word (folded; each an index range, as
 * the desk's search), or the one with this user code; by name or newest first.
 */
export function searchAccounts(
  db: Executor,
  s: { words: string[]; userCode: string | null; sort: 'name' | 'created'; offset: number; limit: number },
) {
  let q = db.selectFrom('users').select(accountColumns);
  if (s.userCode) q = q.where('user_code', '=', s.userCode);
  for (const w of s.words)
    q = q.where((eb) => eb.or(FIELDS.map((f) => eb.and([eb(f, '>=', w), eb(f, '<', upper(w))]))));
  q =
    s.sort === 'created'
      ? q.orderBy('created_at', 'desc').orderBy('id')
      : q.orderBy('search_last').orderBy('search_first').orderBy('id');
  return q.offset(s.offset).limit(s.limit).execute();
}

export function accountById(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .select([...accountColumns, 'language', 'is_admin'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Where the account holds the operator and manager roles. */
export async function rolesOf(db: Executor, userId: string) {
  const at = (table: 'operator_service_points' | 'manager_service_points') =>
    db
      .selectFrom(`${table} as r`)
      .innerJoin('service_points as sp', 'sp.id', 'r.service_point_id')
      .select(['sp.id', 'sp.name'])
      .where('r.user_id', '=', userId)
      .orderBy('sp.name')
      .execute();
  const [operatorAt, managerAt] = await Promise.all([at('operator_service_points'), at('manager_service_points')]);
  return { operatorAt, managerAt };
}

/** The account's enrolments (catalog's table, read for « Comptes »: which training, where, how far). */
export function enrolmentsOf(db: Executor, userId: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('trainings as t', 't.id', 'e.training_id')
    .innerJoin('service_points as sp', 'sp.id', 'e.service_point_id')
    .select(['t.code', 't.title', 'sp.name as service_point', 'e.status'])
    .where('e.user_id', '=', userId)
    .orderBy('e.created_at', 'desc')
    .execute();
}

export async function setDeactivated(db: Executor, userId: string, deactivatedAt: string | null, now: string) {
  await db
    .updateTable('users')
    .set({ deactivated_at: deactivatedAt, updated_at: now })
    .where('id', '=', userId)
    .execute();
}
