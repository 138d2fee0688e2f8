import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { OPEN_ENROLMENT } from './desk.repo.js';

type Executor = Db | Transaction<Database>;

const upper = (p: string) => p + '\uffff';
const FIELDS = ['u.search_last', 'u.search_first', 'u.email_lower'] as const;

/**
 * Accounts the desk search would match (same words, same user code) that are not in a training process at the
 * service point: their ids only, at most `cap` (the desk says how many, never who).
 */
export async function unenrolledMatches(
  db: Executor,
  s: { servicePointId: string; userCode?: string; words: string[]; cap: number },
) {
  let q = db
    .selectFrom('users as u')
    .select('u.id')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('enrolments as e')
            .select('e.id')
            .whereRef('e.user_id', '=', 'u.id')
            .where('e.service_point_id', '=', s.servicePointId)
            .where('e.status', 'in', OPEN_ENROLMENT),
        ),
      ),
    );
  if (s.userCode) q = q.where('u.user_code', '=', s.userCode);
  for (const w of s.words)
    q = q.where((eb) => eb.or(FIELDS.map((f) => eb.and([eb(f, '>=', w), eb(f, '<', upper(w))]))));
  return (await q.limit(s.cap).execute()).length;
}

/** Trainings offered at the service point whose operators may enrol walk-ins at the counter. */
export function counterTrainings(db: Executor, servicePointId: string) {
  return db
    .selectFrom('training_service_points as o')
    .innerJoin('trainings as t', 't.id', 'o.training_id')
    .select(['t.id', 't.code', 't.title', 't.title_en'])
    .where('o.service_point_id', '=', servicePointId)
    .where('t.counter_enrolment', '=', 1)
    .orderBy('t.title')
    .execute();
}

export function accountByLogin(db: Executor, login: string, userCode: string | null) {
  const l = login.trim().toLowerCase();
  return db
    .selectFrom('users')
    .select(['id', 'username'])
    .where((eb) =>
      eb.or([
        eb('username_lower', '=', l),
        eb('email_lower', '=', l),
        ...(userCode ? [eb('user_code', '=', userCode)] : []),
      ]),
    )
    .executeTakeFirst();
}

export function enrolmentOf(db: Executor, userId: string, trainingId: string) {
  return db
    .selectFrom('enrolments')
    .select('id')
    .where('user_id', '=', userId)
    .where('training_id', '=', trainingId)
    .executeTakeFirst();
}
