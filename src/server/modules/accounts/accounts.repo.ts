import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database, NewUser, UserUpdate } from '../../db/schema.js';
import { emailSearchKeys } from '../../../shared/text.js';

type Executor = Db | Transaction<Database>;

export function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByLogin(db: Executor, login: string) {
  const l = login.trim().toLowerCase();
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username_lower', '=', l), eb('email_lower', '=', l)]))
    .executeTakeFirst();
}

export async function usernameOrEmailTaken(db: Executor, usernameLower: string, emailLower: string, exceptId?: string) {
  let q = db
    .selectFrom('users')
    .select(['username_lower', 'email_lower'])
    .where((eb) => eb.or([eb('username_lower', '=', usernameLower), eb('email_lower', '=', emailLower)]));
  if (exceptId) q = q.where('id', '!=', exceptId);
  const rows = await q.execute();
  return {
    username: rows.some((r) => r.username_lower === usernameLower),
    email: rows.some((r) => r.email_lower === emailLower),
  };
}

export async function userCodeExists(db: Executor, code: string) {
  return !!(await db.selectFrom('users').select('id').where('user_code', '=', code).executeTakeFirst());
}

export async function anyUserExists(db: Executor): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** The desk search's keys of a user's e-mail (migration 0025): rewritten with every new address. */
async function writeEmailSearchKeys(db: Executor, userId: string, email: string) {
  await db.deleteFrom('email_search_keys').where('user_id', '=', userId).execute();
  const keys = emailSearchKeys(email);
  if (keys.length > 0)
    await db
      .insertInto('email_search_keys')
      .values(keys.map((key) => ({ user_id: userId, key })))
      .execute();
}

/** Inside a transaction: the user and their e-mail's search keys. */
export async function insertUser(db: Transaction<Database>, user: NewUser) {
  await db.insertInto('users').values(user).execute();
  await writeEmailSearchKeys(db, user.id, user.email);
}

export async function updateUser(db: Executor, id: string, patch: UserUpdate) {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
  if (patch.email !== undefined) await writeEmailSearchKeys(db, id, patch.email);
}

export async function operatorServicePoints(db: Executor, userId: string) {
  return db
    .selectFrom('operator_service_points as o')
    .innerJoin('service_points as sp', 'sp.id', 'o.service_point_id')
    .select(['sp.id', 'sp.name', 'sp.time_zone'])
    .where('o.user_id', '=', userId)
    .orderBy('sp.name')
    .execute();
}

/** The service points a user manages (« Gestionnaire de point de service »); closed ones too (their history). */
export async function managedServicePoints(db: Executor, userId: string) {
  return db
    .selectFrom('manager_service_points as m')
    .innerJoin('service_points as sp', 'sp.id', 'm.service_point_id')
    .select(['sp.id', 'sp.name', 'sp.time_zone'])
    .where('m.user_id', '=', userId)
    .orderBy('sp.name')
    .execute();
}

/** Failed sign-ins of one account from one address since `since`: how many, and the last one's time. */
export async function recentFailures(db: Executor, userId: string, ip: string, since: string) {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('user_id', '=', userId)
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), lastAt: row.last ?? null };
}

/** Records a failure, and forgets this account's failures older than `forgetBefore` (the table stays small). */
export async function recordFailure(db: Executor, userId: string, ip: string, at: string, forgetBefore: string) {
  await db.deleteFrom('login_failures').where('user_id', '=', userId).where('at', '<=', forgetBefore).execute();
  await db.insertInto('login_failures').values({ user_id: userId, ip, at }).execute();
}

/** Forgets an account's failures: from one address (a success from it), or all (a reset proved the owner). */
export async function clearFailures(db: Executor, userId: string, ip?: string) {
  let q = db.deleteFrom('login_failures').where('user_id', '=', userId);
  if (ip !== undefined) q = q.where('ip', '=', ip);
  await q.execute();
}

export async function insertSession(db: Executor, row: Database['sessions']) {
  await db.insertInto('sessions').values(row).execute();
}

/**
 * Sessions with what a request needs of their user, by id, in one query (several requests' checks at once:
 * sessions.service's reader): not the password hash nor the picture, and whether the user operates or manages
 * any service point (their list is read only then).
 */
export function findSessionsWithUser(db: Executor, ids: string[]) {
  return (
    db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select((eb) => [
        's.id',
        's.user_id',
        's.expires_at',
        's.last_seen_at',
        's.remember',
        's.service_point_id',
        'u.username',
        'u.email',
        'u.first_name',
        'u.last_name',
        'u.user_code',
        'u.language',
        'u.is_admin',
        eb
          .exists(eb.selectFrom('operator_service_points as o').select('o.user_id').whereRef('o.user_id', '=', 'u.id'))
          .as('is_operator'),
        eb
          .exists(eb.selectFrom('manager_service_points as m').select('m.user_id').whereRef('m.user_id', '=', 'u.id'))
          .as('is_manager'),
      ])
      .where('s.id', 'in', ids)
      // A deactivated account's sessions were deleted with it; one made in between by a racing sign-in is not honoured.
      .where('u.deactivated_at', 'is', null)
      .execute()
  );
}

export function findSession(db: Executor, id: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The expiry and last activity of some sessions (the live streams' periodic check). */
export function findSessions(db: Executor, ids: string[]) {
  return db.selectFrom('sessions').select(['id', 'expires_at', 'last_seen_at']).where('id', 'in', ids).execute();
}

export async function touchSession(db: Executor, id: string, at: string) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function setSessionServicePoint(db: Executor, id: string, servicePointId: string | null) {
  await db.updateTable('sessions').set({ service_point_id: servicePointId }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOf(db: Executor, userId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Ends every session of a user but one (the one that made the change). */
export async function deleteOtherSessionsOf(db: Executor, userId: string, keepSessionId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
}

/** Forgets every reset link of a user, used or not. */
export async function deleteResetsOf(db: Executor, userId: string) {
  await db.deleteFrom('password_resets').where('user_id', '=', userId).execute();
}

export async function insertReset(db: Executor, row: Database['password_resets']) {
  await db.insertInto('password_resets').values(row).execute();
}

/**
 * Holds a user's row until the transaction ends, so two transactions counting that user's links do not both
 * see room for one more (PostgreSQL; SQLite's write transactions already run one at a time).
 */
export async function lockUser(db: Executor, userId: string, postgres: boolean) {
  if (postgres) await db.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}

/** A user's reset links still usable at `now`. */
export async function countUsableResets(db: Executor, userId: string, now: string) {
  const row = await db
    .selectFrom('password_resets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the link used in one conditional write: of two racing uses, one wins. */
export async function consumeReset(db: Executor, tokenHash: string, now: string) {
  const row = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}
