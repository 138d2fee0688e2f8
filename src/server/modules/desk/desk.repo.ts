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
  /** Folded words (lower-case, no accents); each must prefix the first name, the last name or the e-mail. */
  words: string[];
  offset: number;
  limit: number;
}

type SearchField = 'u.search_last' | 'u.search_first' | 'u.email_lower';
const FIELDS: SearchField[] = ['u.search_last', 'u.search_first', 'u.email_lower'];

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

type LearnerHit = Awaited<ReturnType<ReturnType<typeof learnersAt>['execute']>>[number];

async function countUpTo(db: Executor, field: SearchField, word: string, cap: number) {
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where(field, '>=', word)
    .where(field, '<', upper(word))
    .limit(cap)
    .execute();
  return rows.length;
}

/**
 * Learners in a training process at a service point (an enrolment there not yet finished), by name.
 * The first word is looked up in each field separately ("branches"), each branch returning its first rows
 * in name order, then the branches are merged. A branch reads its prefix range from an index when the range
 * is small, or walks users in name order when it is large (a single letter): both stay fast at 200,000 learners.
 */
export async function searchLearners(db: Executor, s: LearnerSearch): Promise<LearnerHit[]> {
  const want = s.offset + s.limit;
  if (s.userCode) return learnersAt(db, s.servicePointId).where('u.user_code', '=', s.userCode).limit(want).execute();
  const [first, ...rest] = s.words;
  const filtered = <Q extends ReturnType<typeof learnersAt>>(q: Q) =>
    rest.reduce(
      (acc, w) => acc.where((eb) => eb.or(FIELDS.map((f) => eb.and([eb(f, '>=', w), eb(f, '<', upper(w))])))) as Q,
      q,
    );
  if (!first) return filtered(learnersAt(db, s.servicePointId)).offset(s.offset).limit(s.limit).execute();

  const branches = await Promise.all(
    FIELDS.map(async (field) => {
      const base = filtered(learnersAt(db, s.servicePointId));
      // The last-name branch is already in name order: its index range is read in order and stops early.
      if (field === 'u.search_last' || (await countUpTo(db, field, first, SORT_CAP)) < SORT_CAP) {
        return base.where(field, '>=', first).where(field, '<', upper(first)).limit(want).execute();
      }
      // A large range: walk users in name order and test the prefix on each (the concatenation keeps the
      // planner from choosing the prefix index and sorting every match).
      const f = sql.ref(field);
      return base
        .where(sql<boolean>`(${f} || '') >= ${first}`)
        .where(sql<boolean>`(${f} || '') < ${upper(first)}`)
        .limit(want)
        .execute();
    }),
  );
  const byId = new Map<string, LearnerHit>();
  for (const row of branches.flat()) byId.set(row.id, row);
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
    .select(['e.user_id', 'e.status', 't.title', 't.code'])
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
      't.code as training_code',
      'x.id as exam_id',
      'v.id as version_id',
      'v.title as exam_title',
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
    .executeTakeFirst();
}

export function workstationsAt(db: Executor, servicePointId: string) {
  return db
    .selectFrom('workstations')
    .select(['id', 'name'])
    .where('service_point_id', '=', servicePointId)
    .orderBy('name')
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
