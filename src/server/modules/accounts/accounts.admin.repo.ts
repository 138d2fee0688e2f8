import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import {
  countPrefixUpTo,
  fewerPrefixMatches,
  prefixUpper,
  prefixValues,
  SEARCH_FIELDS,
  SORT_CAP,
} from '../../db/name-prefix.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

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

/** A first-name prefix holding at most this many distinct first names is read one first name at a time. */
const MAX_RUNS = 20;

interface AccountHit {
  id: string;
  username: string;
  first_name: string | null;
  last_name: string | null;
  email: string;
  user_code: string;
  deactivated_at: string | null;
  created_at: string;
  search_last: string | null;
  search_first: string | null;
}

/**
 * Accounts whose last name, first name or e-mail starts with every word (folded), or the one with this user
 * code; by name (the desk's way: the first word looked up in each field separately, each branch read in name
 * order from an index range when small, by walking the name index when large, then merged) or newest first.
 */
export async function searchAccounts(
  db: Executor,
  s: {
    words: string[];
    userCode: string | null;
    sort: 'name' | 'created';
    offset: number;
    limit: number;
    /** Where a search switches from sorting its matches to walking (SORT_CAP; tests lower it). */
    sortCap?: number;
  },
): Promise<AccountHit[]> {
  const base = () => {
    let q = db.selectFrom('users').select([...accountColumns, 'search_last', 'search_first']);
    if (s.userCode) q = q.where('user_code', '=', s.userCode);
    return q;
  };
  // `walk`: the concatenation keeps the planner off the name indexes, so the rows are read in the list's order.
  const every = <Q extends ReturnType<typeof base>>(q: Q, words: string[], walk = false) =>
    words.reduce(
      (acc, w) =>
        acc.where((eb) =>
          eb.or(
            SEARCH_FIELDS.map((f) => {
              const col = walk ? sql<string>`(${sql.ref(f)} || '')` : sql.ref<string>(f);
              return eb.and([eb(col, '>=', w), eb(col, '<', prefixUpper(w))]);
            }),
          ),
        ) as Q,
      q,
    );
  const byName = <Q extends ReturnType<typeof base>>(q: Q) =>
    q.orderBy('search_last').orderBy('search_first').orderBy('id');
  // Newest first: a search matching few accounts reads them and sorts them; one matching many walks accounts newest
  // first (users_by_created) until the page is full (« e »: 470 accounts read, where SQLite read and sorted 21,739).
  if (s.sort === 'created')
    return every(base(), s.words, !!s.words[0] && !(await fewerPrefixMatches(db, s.words[0], s.sortCap ?? SORT_CAP)))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(s.offset)
      .limit(s.limit)
      .execute();
  const [first, ...rest] = s.words;
  if (!first) return byName(every(base(), s.words)).offset(s.offset).limit(s.limit).execute();
  const want = s.offset + s.limit;
  const branches = await Promise.all(
    SEARCH_FIELDS.map(async (field) => {
      const q = byName(every(base(), rest));
      // One first name's accounts are in name order in users_by_first_name (first name, last name, id): each first
      // name of the prefix gives its first page, at most MAX_RUNS of them (« zo »: Zoé, 51 rows, where walking the
      // name index for Zoé read 2,300 accounts and sorting the range 4,348).
      const runs = field === 'search_first' ? await prefixValues(db, field, first, MAX_RUNS + 1) : [];
      if (field === 'search_first' && runs.length <= MAX_RUNS)
        return (await Promise.all(runs.map((v) => q.where(field, '=', v).limit(want).execute()))).flat();
      if (field === 'search_last' || (await countPrefixUpTo(db, field, first, SORT_CAP)) < SORT_CAP)
        return q.where(field, '>=', first).where(field, '<', prefixUpper(first)).limit(want).execute();
      // A large range: walk accounts in name order, testing the prefix on each (the concatenation keeps the
      // planner from choosing the prefix index and sorting every match).
      const f = sql.ref(field);
      return q
        .where(sql<boolean>`(${f} || '') >= ${first}`)
        .where(sql<boolean>`(${f} || '') < ${prefixUpper(first)}`)
        .limit(want)
        .execute();
    }),
  );
  const byId = new Map<string, AccountHit>();
  for (const row of branches.flat()) byId.set(row.id, row);
  const key = (r: AccountHit) => [r.search_last ?? '', r.search_first ?? '', r.id];
  return [...byId.values()]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
      return 0;
    })
    .slice(s.offset, want);
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
    .select(['t.code', 't.title', 't.title_en', 'sp.name as service_point', 'e.status'])
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

/** The failed sign-ins of an account since a moment, by address (the throttle counts per address). */
export function failuresByIpSince(db: Executor, userId: string, since: string) {
  return db
    .selectFrom('login_failures')
    .select((eb) => ['ip', eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('user_id', '=', userId)
    .where('at', '>', since)
    .groupBy('ip')
    .execute();
}
