import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import { fewerPrefixMatches, prefixUpper, SEARCH_FIELDS, SORT_CAP, type SearchField } from '../../db/name-prefix.js';
import type { Database } from '../../db/schema.js';
import type { CatalogScope } from './admin-scope.js';

/*
 * « Inscriptions »' list: which enrolments, in which order (a page of ids: each strategy reads as few rows as its
 * order allows, tests/load/bench-catalog-admin.ts), then that page's rows with their learner, training and service
 * point (one query, `pageRows`). Measured plans: BENCHMARKS.md « the administration's lists at 200,000 learners ».
 */

type Executor = Db | Transaction<Database>;

export type EnrolmentSort = 'learner' | 'training' | 'created';

export interface EnrolmentFilter {
  scope: CatalogScope;
  servicePointId?: string;
  trainingId?: string;
  userCode?: string;
  words: string[];
  sort: EnrolmentSort;
  desc: boolean;
  offset: number;
  limit: number;
  sqlite: boolean;
  /** Where a search switches from reading its matches to walking (SORT_CAP; tests lower it). */
  sortCap?: number;
}

/**
 * The list: a page of ids (PostgreSQL without parallel workers: a page is a walk that stops early, and each worker
 * reads ahead of the merge — « trem », newest first: 33,586 enrolments read for 51 with two workers, 2,851 alone),
 * then that page's rows.
 */
export async function listEnrolments(db: Db, f: EnrolmentFilter) {
  const ids = f.sqlite
    ? await pageOf(db, f)
    : await db.transaction().execute(async (trx) => {
        await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
        return pageOf(trx, f);
      });
  return pageRows(db, ids);
}

async function pageOf(db: Executor, f: EnrolmentFilter) {
  if (!f.sqlite && f.sort === 'training' && !f.trainingId && !f.userCode && f.words.length === 0)
    return pageByTraining(db, f);
  if (f.words.length === 0) return page(db, f, 'none');
  // A search, sorted by learner or newest first: when the first word matches few accounts, their enrolments are read
  // (an index range each) and sorted; when it matches many, the enrolments are walked in the list's order, each
  // one's learner tested, until the page is full (expected: a page ÷ the share of matching learners, at most
  // 51 × 200,000 ÷ SORT_CAP = 3,400 at 200,000 enrolments). Sorted by training, the matches are read and sorted.
  // Two words or more (« lavigne genevieve »): each common, together rare — a walk would read every enrolment in
  // search of a page that may not exist (97 ms at one point of 10,000), so the matches are read.
  if (f.words.length > 1 || (await fewerPrefixMatches(db, f.words[0]!, f.sortCap ?? SORT_CAP)))
    return page(db, f, 'matches');
  return page(db, f, f.sort === 'training' ? 'ranges' : 'walk');
}

/** A page of enrolment ids in the list's order, every filter in the WHERE clause. */
async function page(db: Executor, f: EnrolmentFilter, words: 'none' | 'matches' | 'walk' | 'ranges') {
  let query = db
    .selectFrom('enrolments as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .innerJoin('trainings as t', 't.id', 'n.training_id')
    .select('n.id');
  if (f.scope.kind === 'servicePoints') query = query.where('n.service_point_id', 'in', [...f.scope.ids, '']);
  // Sorted by learner at one point: walk users in name order (users_by_name) and keep those enrolled at the point,
  // instead of reading the point's 10,000 enrolments and sorting them (SQLite: 5 ms against 130-190 ms). SQLite
  // probes each learner's enrolments (the concatenation keeps its planner off the service-point index): an
  // in-process descent, cheaper than building the set below (page 1 by name 0.6 ms against 1.8 ms, page 5 the same).
  // PostgreSQL tests each learner against the point's learners, read once into a set (enrolments_sp_status): page 5
  // by name desc made 5,084 probes of 4 buffers, 20,382 buffers; with the set, 252 probes and 1,192 buffers.
  const walkNames = f.sort === 'learner' && !f.trainingId && !f.userCode && f.words.length === 0;
  if (f.servicePointId && walkNames && f.sqlite)
    query = query.where(sql<string>`(n.service_point_id || '')`, '=', f.servicePointId);
  else if (f.servicePointId && walkNames)
    query = query
      .where('n.service_point_id', '=', f.servicePointId)
      .where((eb) =>
        inSets('u.id', [
          eb.selectFrom('enrolments as p').select('p.user_id').where('p.service_point_id', '=', f.servicePointId!),
        ]),
      );
  else if (f.servicePointId) query = query.where('n.service_point_id', '=', f.servicePointId);
  if (f.trainingId) query = query.where('n.training_id', '=', f.trainingId);
  if (f.userCode) query = query.where('u.user_code', '=', f.userCode);
  const [first = '', ...rest] = f.words;
  const range = (field: SearchField, w: string) => (eb: ExpressionBuilder<Database & { m: Database['users'] }, 'm'>) =>
    eb.and([eb(`m.${field}`, '>=', w), eb(`m.${field}`, '<', prefixUpper(w))]);
  if (words === 'matches')
    query = query.where('n.user_id', 'in', (eb) => {
      const branch = (field: SearchField) =>
        rest.reduce(
          (b, w) => b.where((e) => e.or(SEARCH_FIELDS.map((c) => range(c, w)(e)))),
          eb
            .selectFrom('users as m')
            .select('m.id')
            .where((e) => range(field, first)(e)),
        );
      return branch('search_last').unionAll(branch('search_first')).unionAll(branch('email_lower'));
    });
  // PostgreSQL's walk tests each enrolment's learner against the word's matches, read once per field into a set,
  // rather than reading the learner's account by key (« trem », newest first: 2,811 enrolments walked and 2,811
  // accounts read, 11,398 buffers; now the 3,312 matches from users_by_name and the same walk, 348 buffers). SQLite
  // reads the account by key, cheaper there than building the sets (1.8 ms against 2.3 ms).
  const setWalk = words === 'walk' && !f.sqlite;
  for (const w of setWalk ? f.words : [])
    query = query.where((eb) =>
      inSets(
        'n.user_id',
        SEARCH_FIELDS.map((c) =>
          eb
            .selectFrom('users as m')
            .select('m.id')
            .where((e) => range(c, w)(e)),
        ),
      ),
    );
  for (const w of words === 'ranges' || (words === 'walk' && !setWalk) ? f.words : [])
    query = query.where((eb) =>
      eb.or(
        SEARCH_FIELDS.map((c) => {
          // The concatenation keeps the planner off the name indexes: the walk reads in the list's order.
          const col = words === 'walk' ? sql<string>`(${sql.ref(`u.${c}`)} || '')` : sql.ref<string>(`u.${c}`);
          return eb.and([eb(col, '>=', w), eb(col, '<', prefixUpper(w))]);
        }),
      ),
    );
  const dir = f.desc ? 'desc' : 'asc';
  if (f.sort === 'learner')
    query = query.orderBy('u.search_last', dir).orderBy('u.search_first', dir).orderBy('u.id', dir);
  else if (f.sort === 'training') query = query.orderBy('t.code', dir);
  query = query.orderBy('n.created_at', f.sort === 'created' ? dir : 'desc').orderBy('n.id', dir);
  const rows = await query.offset(f.offset).limit(f.limit).execute();
  return rows.map((r) => r.id);
}

/**
 * `ref` is in one of `sets` (each a query of one column), each set read once and each row tested against it in
 * memory (PostgreSQL: a « hashed SubPlan »). The OR is what keeps it a set: an IN standing alone in the WHERE clause
 * becomes a join, for which the planner chooses its own order (at a point, by name desc, page 5: it read and sorted
 * the point's 10,000 enrolments, 332 ms, instead of walking the names).
 */
function inSets(ref: string, sets: Expression<unknown>[]) {
  return sql<SqlBool>`(${sql.join(
    sets.map((set) => sql`${sql.ref(ref)} in (${set})`),
    sql` or `,
  )} or false)`;
}

/**
 * PostgreSQL, sorted by training: the order's first key (the training's code) is in another table, so no index of
 * enrolments serves it and the planner sorted every enrolment (≈ 1 s at 200,000, tests/load/bench-catalog-admin.ts).
 * Here each training, in code order, gives only its first `offset + limit` enrolments (newest first, through
 * enrolments_training_created), and only those are sorted: the page reads a few hundred rows.
 */
async function pageByTraining(db: Executor, f: EnrolmentFilter) {
  const dir = f.desc ? 'desc' : 'asc';
  const rows = await db
    .selectFrom('trainings as t')
    .innerJoinLateral(
      (eb) => {
        let inner = eb
          .selectFrom('enrolments as e')
          .select(['e.id', 'e.created_at'])
          .whereRef('e.training_id', '=', 't.id');
        if (f.scope.kind === 'servicePoints') inner = inner.where('e.service_point_id', 'in', [...f.scope.ids, '']);
        if (f.servicePointId) inner = inner.where('e.service_point_id', '=', f.servicePointId);
        return inner
          .orderBy('e.created_at', 'desc')
          .orderBy('e.id', dir)
          .limit(f.offset + f.limit)
          .as('n');
      },
      (join) => join.onTrue(),
    )
    .select('n.id')
    .orderBy('t.code', dir)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', dir)
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The page's enrolments, in the order of `ids`, with their learner, training and service point. */
async function pageRows(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('enrolments as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .innerJoin('trainings as t', 't.id', 'n.training_id')
    .innerJoin('service_points as sp', 'sp.id', 'n.service_point_id')
    .select([
      'n.id',
      'n.status',
      'n.created_at',
      'u.id as user_id',
      'u.first_name',
      'u.last_name',
      'u.email',
      'u.user_code',
      't.id as training_id',
      't.code as training_code',
      't.title as training_title',
      't.title_en as training_title_en',
      'sp.id as service_point_id',
      'sp.name as service_point_name',
    ])
    .where('n.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
