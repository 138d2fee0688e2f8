import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import { prefixUpper as upper } from '../../db/name-prefix.js';
import type { Database } from '../../db/schema.js';
import type { CatalogScope } from './admin-scope.js';

type Executor = Db | Transaction<Database>;

const CHUNK = 500;

function chunks<T>(all: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < all.length; i += CHUNK) out.push(all.slice(i, i + CHUNK));
  return out;
}

// ---- trainings ----

export type TrainingSort = 'code' | 'title' | 'created';

export function listTrainings(
  db: Executor,
  f: { q: string; sort: TrainingSort; desc: boolean; offset: number; limit: number },
) {
  let query = db
    .selectFrom('trainings as t')
    .leftJoin('exams as e', 'e.id', 't.exam_id')
    .select((eb) => [
      't.id',
      't.code',
      't.title',
      't.title_en',
      't.validity_months',
      't.max_attempts',
      't.retake_wait_days',
      't.counter_enrolment',
      't.created_at',
      'e.code as exam_code',
      eb
        .selectFrom('enrolments as n')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('n.training_id', '=', 't.id')
        .as('enrolments'),
    ]);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(t.code)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(t.title)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(coalesce(t.title_en, ''))`, 'like', sql`${like} escape '\\'`),
      ]),
    );
  }
  const dir = f.desc ? 'desc' : 'asc';
  const column = f.sort === 'title' ? 't.title' : f.sort === 'created' ? 't.created_at' : 't.code';
  return query.orderBy(column, dir).orderBy('t.id').offset(f.offset).limit(f.limit).execute();
}

export function findTraining(db: Executor, id: string) {
  return db
    .selectFrom('trainings as t')
    .leftJoin('exams as e', 'e.id', 't.exam_id')
    .selectAll('t')
    .select('e.code as exam_code')
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export function offeringsOf(db: Executor, trainingIds: string[]) {
  if (trainingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('training_service_points as o')
    .innerJoin('service_points as sp', 'sp.id', 'o.service_point_id')
    .select(['o.training_id', 'sp.id', 'sp.name'])
    .where('o.training_id', 'in', trainingIds)
    .orderBy('sp.name')
    .execute();
}

/** Which trainings each service point of the scope offers (« Inscriptions »' choices). */
export function offeringsIn(db: Executor, scope: CatalogScope) {
  let query = db
    .selectFrom('training_service_points as o')
    .innerJoin('trainings as t', 't.id', 'o.training_id')
    .innerJoin('service_points as sp', 'sp.id', 'o.service_point_id')
    .select(['t.id', 't.code', 't.title', 't.title_en', 'sp.id as service_point_id', 'sp.name as service_point_name']);
  if (scope.kind === 'servicePoints') query = query.where('o.service_point_id', 'in', [...scope.ids, '']);
  return query.orderBy('t.code').orderBy('sp.name').execute();
}

export async function insertTraining(db: Executor, row: Insertable<Database['trainings']>) {
  await db.insertInto('trainings').values(row).execute();
}

export async function updateTraining(
  db: Executor,
  id: string,
  set: Omit<Updateable<Database['trainings']>, 'id' | 'code' | 'created_at'>,
) {
  await db.updateTable('trainings').set(set).where('id', '=', id).execute();
}

export async function addOfferings(db: Executor, trainingId: string, servicePointIds: string[], at: string) {
  if (servicePointIds.length === 0) return;
  await db
    .insertInto('training_service_points')
    .values(servicePointIds.map((s) => ({ training_id: trainingId, service_point_id: s, created_at: at })))
    .onConflict((oc) => oc.columns(['training_id', 'service_point_id']).doNothing())
    .execute();
}

export async function removeOfferings(db: Executor, trainingId: string, servicePointIds: string[]) {
  if (servicePointIds.length === 0) return;
  await db
    .deleteFrom('training_service_points')
    .where('training_id', '=', trainingId)
    .where('service_point_id', 'in', servicePointIds)
    .execute();
}

/** The service points among `servicePointIds` where the training still has enrolments. */
export async function servicePointsWithEnrolments(db: Executor, trainingId: string, servicePointIds: string[]) {
  if (servicePointIds.length === 0) return [];
  const rows = await db
    .selectFrom('enrolments')
    .select('service_point_id')
    .distinct()
    .where('training_id', '=', trainingId)
    .where('service_point_id', 'in', servicePointIds)
    .execute();
  return rows.map((r) => r.service_point_id);
}

export function allServicePoints(db: Executor) {
  return db.selectFrom('service_points').select(['id', 'name']).orderBy('name').execute();
}

export function allExams(db: Executor) {
  return db
    .selectFrom('exams as e')
    .leftJoin('exam_versions as v', 'v.id', 'e.current_version_id')
    .select(['e.id', 'e.code', 'v.title', 'v.title_en'])
    .orderBy('e.code')
    .execute();
}

export function findExam(db: Executor, id: string) {
  return db.selectFrom('exams').select(['id', 'code']).where('id', '=', id).executeTakeFirst();
}

export function trainingsByCode(db: Executor, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('trainings').select(['id', 'code']).where('code', 'in', codes).execute();
}

export function offeringPairs(db: Executor, trainingIds: string[]) {
  if (trainingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('training_service_points')
    .select(['training_id', 'service_point_id'])
    .where('training_id', 'in', trainingIds)
    .execute();
}

// ---- accounts, as the enrolment pages look them up ----

const accountColumns = ['id', 'username', 'email', 'user_code', 'first_name', 'last_name'] as const;

/** Accounts by user name, e-mail or user code (stored form), in chunks. */
export async function accountsByLogin(db: Executor, logins: string[], codes: string[]) {
  const out: {
    id: string;
    username: string;
    email: string;
    user_code: string;
    first_name: string | null;
    last_name: string | null;
    username_lower: string;
    email_lower: string;
  }[] = [];
  for (const part of chunks(logins))
    out.push(
      ...(await db
        .selectFrom('users')
        .select([...accountColumns, 'username_lower', 'email_lower'])
        .where((eb) => eb.or([eb('username_lower', 'in', part), eb('email_lower', 'in', part)]))
        .execute()),
    );
  for (const part of chunks(codes))
    out.push(
      ...(await db
        .selectFrom('users')
        .select([...accountColumns, 'username_lower', 'email_lower'])
        .where('user_code', 'in', part)
        .execute()),
    );
  return out;
}

/**
 * Accounts to enrol: an exact user code, or every word a prefix of the last name, first name or e-mail, by name.
 * The first word is looked up in each field on its own (three index ranges, each read in name order up to the
 * limit) and the three merged: one query OR-ing the three ranges had PostgreSQL sort every match (« trem »:
 * every Tremblay, 1 s under load in bench-catalog-admin).
 */
export async function findAccounts(db: Executor, s: { userCode?: string; words: string[]; limit: number }) {
  const base = () => db.selectFrom('users as u').select(accountColumns.map((c) => `u.${c}` as const));
  if (s.userCode) return base().where('u.user_code', '=', s.userCode).limit(s.limit).execute();
  const fields = ['u.search_last', 'u.search_first', 'u.email_lower'] as const;
  const [first = '', ...rest] = s.words;
  const branches = await Promise.all(
    fields.map((field) => {
      let query = base().where(field, '>=', first).where(field, '<', upper(first));
      for (const w of rest)
        query = query.where((eb) => eb.or(fields.map((f) => eb.and([eb(f, '>=', w), eb(f, '<', upper(w))]))));
      return query
        .select(['u.search_last', 'u.search_first'])
        .orderBy('u.search_last')
        .orderBy('u.search_first')
        .orderBy('u.id')
        .limit(s.limit)
        .execute();
    }),
  );
  const byId = new Map(branches.flat().map((r) => [r.id, r]));
  const key = (r: (typeof branches)[number][number]) => [r.search_last ?? '', r.search_first ?? '', r.id];
  return [...byId.values()]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
      return 0;
    })
    .slice(0, s.limit);
}

export function findAccount(db: Executor, id: string) {
  return db.selectFrom('users').select(accountColumns).where('id', '=', id).executeTakeFirst();
}

// ---- enrolments ----

export async function existingEnrolments(db: Executor, userIds: string[]) {
  const out: { user_id: string; training_id: string }[] = [];
  for (const part of chunks(userIds))
    out.push(
      ...(await db.selectFrom('enrolments').select(['user_id', 'training_id']).where('user_id', 'in', part).execute()),
    );
  return out;
}

export function findEnrolment(db: Executor, id: string, scope: CatalogScope) {
  let query = db
    .selectFrom('enrolments as n')
    .innerJoin('trainings as t', 't.id', 'n.training_id')
    .select(['n.id', 'n.user_id', 'n.service_point_id', 'n.status', 't.code as training_code'])
    .where('n.id', '=', id);
  if (scope.kind === 'servicePoints') query = query.where('n.service_point_id', 'in', [...scope.ids, '']);
  return query.executeTakeFirst();
}

export async function hasAttempts(db: Executor, enrolmentId: string) {
  return !!(await db
    .selectFrom('attempts')
    .select('id')
    .where('enrolment_id', '=', enrolmentId)
    .limit(1)
    .executeTakeFirst());
}

export async function insertEnrolments(db: Executor, rows: Database['enrolments'][]) {
  for (const part of chunks(rows)) await db.insertInto('enrolments').values(part).execute();
}

export async function deleteEnrolment(db: Executor, id: string) {
  const r = await db
    .deleteFrom('enrolments')
    .where('id', '=', id)
    .where('status', '=', 'in_training')
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
