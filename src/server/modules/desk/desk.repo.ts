import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { STATES } from '../../../shared/attempt-states.js';

type Executor = Db | Transaction<Database>;

export const OPEN_ENROLMENT: Database['enrolments']['status'][] = [
  'in_training',
  'exam_authorized',
  'exam_in_progress',
];

export interface LearnerSearch {
  servicePointId: string;
  userCode?: string;
  /**
   * Compacted words (shared/text.ts searchWords); each must begin the first name or the last name, or be a part
   * of the e-mail address.
   */
  words: string[];
  offset: number;
  limit: number;
}

type UserField = 'u.search_last' | 'u.search_first' | 'u.email_lower';
type Branch = UserField | 'email';

/** Shorter words match an e-mail only at its start (a letter inside every other address would be noise). */
const INSIDE_EMAIL_MIN = 3;
const emailBranch = (word: string): Branch => (word.length >= INSIDE_EMAIL_MIN ? 'email' : 'u.email_lower');

/** Upper bound of a prefix range: every folded string starting with `p` sorts in [p, p + U+FFFF). */
const upper = (p: string) => p + '\uffff';

/** Above this many prefix matches, reading users in name order finds a page sooner than sorting the matches. */
const SORT_CAP = 3000;

function learnersAt(db: Executor, servicePointId: string) {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.first_name', 'u.last_name', 'u.email', 'u.user_code', 'u.search_last', 'u.search_first'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('enrolments as e')
          .select('e.id')
          .whereRef('e.user_id', '=', 'u.id')
          .where('e.service_point_id', '=', servicePointId)
          .where('e.status', 'in', OPEN_ENROLMENT),
      ),
    )
    .orderBy('u.search_last')
    .orderBy('u.search_first')
    .orderBy('u.id');
}

type LearnersQuery = ReturnType<typeof learnersAt>;
type LearnerHit = Awaited<ReturnType<LearnersQuery['execute']>>[number];

/** The user's e-mail has a part beginning with `word` (one probe of email_search_keys' primary key). */
function inEmail(q: LearnersQuery, word: string): LearnersQuery {
  return q.where((eb) =>
    eb.exists(
      eb
        .selectFrom('email_search_keys as k')
        .select('k.user_id')
        .whereRef('k.user_id', '=', 'u.id')
        .where('k.key', '>=', word)
        .where('k.key', '<', upper(word))
        // A LIMIT keeps PostgreSQL from turning this into a join over the whole range: one probe per user walked.
        // (Not OFFSET alone: SQLite refuses OFFSET without LIMIT — « near "offset": syntax error », a 500.)
        .limit(1),
    ),
  );
}

/** `word` begins the first name or the last name, or is a part of the e-mail. */
function matching(q: LearnersQuery, word: string): LearnersQuery {
  return q.where((eb) =>
    eb.or([
      eb.and([eb('u.search_last', '>=', word), eb('u.search_last', '<', upper(word))]),
      eb.and([eb('u.search_first', '>=', word), eb('u.search_first', '<', upper(word))]),
      emailBranch(word) === 'u.email_lower'
        ? eb.and([eb('u.email_lower', '>=', word), eb('u.email_lower', '<', upper(word))])
        : eb.exists(
            eb
              .selectFrom('email_search_keys as k')
              .select('k.user_id')
              .whereRef('k.user_id', '=', 'u.id')
              .where('k.key', '>=', word)
              .where('k.key', '<', upper(word)),
          ),
    ]),
  );
}

/** Up to `cap` rows of the prefix range: the users whose `field` begins with `word`. */
function userRange(db: Executor, field: UserField, word: string, cap: number) {
  return db
    .selectFrom('users as u')
    .select('u.id')
    .where(field, '>=', word)
    .where(field, '<', upper(word))
    .limit(cap)
    .execute();
}

/** Up to `cap` rows of the e-mail keys' prefix range: the users with a part of their e-mail beginning with `word`. */
function emailRange(db: Executor, word: string, cap: number) {
  return db
    .selectFrom('email_search_keys')
    .select('user_id as id')
    .where('key', '>=', word)
    .where('key', '<', upper(word))
    .limit(cap)
    .execute();
}

/**
 * One branch: the learners whose `branch` matches `first` (and every other word somewhere), first `want` in name
 * order. The last-name range is read in name order from its index and stops early. Another branch reads its
 * prefix range (at most SORT_CAP rows: those users, by id, then sorted), or, when the range is large (a single
 * letter, a common domain), walks users in name order and tests each one.
 */
async function branch(db: Executor, base: LearnersQuery, branch: Branch, first: string, want: number) {
  if (branch === 'u.search_last')
    return base.where(branch, '>=', first).where(branch, '<', upper(first)).limit(want).execute();
  const range = await (branch === 'email' ? emailRange(db, first, SORT_CAP) : userRange(db, branch, first, SORT_CAP));
  if (range.length === 0) return [];
  // Those users by id, then sorted: the concatenations keep the planner from walking the name index instead
  // (PostgreSQL chose it, reading most of the users to find a few hundred).
  if (range.length < SORT_CAP)
    return base
      .where('u.id', 'in', [...new Set(range.map((r) => r.id))])
      .clearOrderBy()
      .orderBy(sql`u.search_last || ''`)
      .orderBy(sql`u.search_first || ''`)
      .orderBy('u.id')
      .limit(want)
      .execute();
  if (branch === 'email') return inEmail(base, first).limit(want).execute();
  // The concatenation keeps the planner from choosing the prefix index and sorting every match.
  const f = sql.ref(branch);
  return base
    .where(sql<boolean>`(${f} || '') >= ${first}`)
    .where(sql<boolean>`(${f} || '') < ${upper(first)}`)
    .limit(want)
    .execute();
}

/** The first `want` learners matching every word, in name order: each branch of the first word, merged. */
async function allWords(db: Executor, servicePointId: string, words: string[], want: number) {
  const [first, ...rest] = words;
  const base = rest.reduce(matching, learnersAt(db, servicePointId));
  if (!first) return base.limit(want).execute();
  const branches: Branch[] = ['u.search_last', 'u.search_first', emailBranch(first)];
  return (await Promise.all(branches.map((b) => branch(db, base, b, first, want)))).flat();
}

/**
 * The ways to read typed words as names: each run of neighbouring words may be one name typed with spaces
 * (jean sainte marie → [jean, sainte, marie], [jean, saintemarie], [jeansainte, marie], [jeansaintemarie]).
 */
export function readings(words: string[]): string[][] {
  if (words.length <= 1) return [words];
  const [head, ...tail] = words;
  return readings(tail).flatMap(([next, ...more]) => [
    [head!, next!, ...more],
    [head! + next!, ...more],
  ]);
}

/**
 * Learners in a training process at a service point (an enrolment there not yet finished), by name.
 * Each word must begin the first or the last name, or be a part of the e-mail; neighbouring words typed for one
 * name (« Sainte Marie ») are also tried joined (saintemarie: `readings`). The first word is looked up in each field separately
 * ("branches"), each returning its first rows in name order, then the branches are merged: every branch stays
 * fast at 200,000 learners.
 */
export async function searchLearners(db: Executor, s: LearnerSearch): Promise<LearnerHit[]> {
  const want = s.offset + s.limit;
  if (s.userCode) return learnersAt(db, s.servicePointId).where('u.user_code', '=', s.userCode).limit(want).execute();
  if (s.words.length === 0) return learnersAt(db, s.servicePointId).offset(s.offset).limit(s.limit).execute();
  const found = await Promise.all(readings(s.words).map((words) => allWords(db, s.servicePointId, words, want)));
  const byId = new Map<string, LearnerHit>();
  for (const row of found.flat()) byId.set(row.id, row);
  const key = (r: LearnerHit) => [r.search_last ?? '', r.search_first ?? '', r.id];
  return [...byId.values()]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
      return 0;
    })
    .slice(s.offset, want);
}

export function openEnrolmentsOf(db: Executor, userIds: string[], servicePointId: string) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('enrolments as e')
    .innerJoin('trainings as t', 't.id', 'e.training_id')
    .select(['e.user_id', 'e.status', 't.title', 't.title_en', 't.code'])
    .where('e.user_id', 'in', userIds)
    .where('e.service_point_id', '=', servicePointId)
    .where('e.status', 'in', OPEN_ENROLMENT)
    .orderBy('t.title')
    .execute();
}

export function learner(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'first_name', 'last_name', 'email', 'user_code', 'username'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export function enrolmentsAt(db: Executor, userId: string, servicePointId: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('trainings as t', 't.id', 'e.training_id')
    .leftJoin('exams as x', 'x.id', 't.exam_id')
    .leftJoin('exam_versions as v', 'v.id', 'x.current_version_id')
    .select([
      'e.id',
      'e.status',
      'e.training_id',
      't.title as training_title',
      't.title_en as training_title_en',
      't.code as training_code',
      'x.id as exam_id',
      'v.id as version_id',
      'v.title as exam_title',
      'v.title_en as exam_title_en',
      'v.duration_minutes',
    ])
    .where('e.user_id', '=', userId)
    .where('e.service_point_id', '=', servicePointId)
    .orderBy('t.title')
    .execute();
}

export function attemptsAt(db: Executor, userId: string, servicePointId: string) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('exam_versions as v', 'v.id', 'a.exam_version_id')
    .innerJoin('workstations as w', 'w.id', 'a.workstation_id')
    .leftJoin('users as op', 'op.id', 'a.authorized_by')
    .select([
      'a.id',
      'a.state',
      'a.exam_id',
      'v.title as exam_title',
      'v.title_en as exam_title_en',
      'w.name as workstation_name',
      'a.authorized_at',
      'a.authorized_for',
      'a.started_at',
      'a.deadline_at',
      'a.ended_at',
      'a.score_points',
      'a.max_points',
      'a.percentage',
      'a.outcome',
      'a.extra_minutes',
      'op.first_name as operator_first_name',
      'op.last_name as operator_last_name',
    ])
    .where('a.user_id', '=', userId)
    .where('a.service_point_id', '=', servicePointId)
    .orderBy('a.authorized_at', 'desc')
    .execute();
}

export function workstationAt(db: Executor, workstationId: string, servicePointId: string) {
  return db
    .selectFrom('workstations')
    .selectAll()
    .where('id', '=', workstationId)
    .where('service_point_id', '=', servicePointId)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
}

export function workstationsAt(db: Executor, servicePointId: string) {
  return db
    .selectFrom('workstations')
    .select(['id', 'name'])
    .where('service_point_id', '=', servicePointId)
    .where('retired_at', 'is', null)
    .orderBy('name')
    .execute();
}

/** Who holds each workstation of a service point now: an exam authorized or in progress there (open states). */
export function occupantRowsAt(db: Executor, servicePointId: string) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.workstation_id', 'a.user_id', 'u.first_name', 'u.last_name'])
    .where('a.service_point_id', '=', servicePointId)
    .where('a.state', 'in', STATES.open)
    .orderBy('a.authorized_at')
    .execute();
}

/** The learner's ended attempts at an exam, anywhere (what the retake rules count), and when the last one ended. */
export async function endedAttemptsOf(db: Executor, userId: string, examId: string) {
  const row = await db
    .selectFrom('attempts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max<string | null>('ended_at').as('last')])
    .where('user_id', '=', userId)
    .where('exam_id', '=', examId)
    .where('state', 'in', STATES.ended)
    .executeTakeFirst();
  return { ended: Number(row?.n ?? 0), lastEndedAt: row?.last ?? null };
}
