import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { STATES } from '../../../shared/attempt-states.js';
import { lastAnswerAtOf, lastSeqOf } from '../../db/attempt-progress.js';

type Executor = Db | Transaction<Database>;

/**
 * Attempts at some service points with what a live row shows. With `ids`, those attempts whatever their state
 * (an ended one tells its row to leave); without, every attempt still open. The service points are in the
 * WHERE clause: an id from elsewhere reads as absent.
 */
export function liveRows(db: Executor, servicePointIds: string[], ids?: string[]) {
  let q = db
    .selectFrom('attempts as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .innerJoin('exam_versions as v', 'v.id', 'a.exam_version_id')
    .innerJoin('workstations as w', 'w.id', 'a.workstation_id')
    .select((eb) => [
      'a.id',
      'a.service_point_id',
      'a.state',
      'a.user_id',
      'u.first_name',
      'u.last_name',
      'v.title',
      'v.title_en',
      'w.name as workstation_name',
      'a.authorized_at',
      'a.started_at',
      'a.deadline_at',
      'a.paused_at',
      'a.items',
      lastSeqOf(eb),
      lastAnswerAtOf(eb),
      'a.last_heartbeat_at',
      'a.extra_minutes',
      // « Salle séparée » holding on the attempt's day (desk's accommodations, by its learner index).
      eb
        .exists(
          eb
            .selectFrom('accommodations as ac')
            .select('ac.id')
            .whereRef('ac.learner_id', '=', 'a.user_id')
            .where('ac.kind', '=', 'separate_room')
            .where('ac.revoked_at', 'is', null)
            .whereRef('ac.valid_until', '>=', 'a.authorized_for'),
        )
        .as('separate_room'),
      eb
        .selectFrom('answers as an')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('an.attempt_id', '=', 'a.id')
        .where('an.response', '<>', '[]')
        .as('answered'),
    ])
    .where('a.service_point_id', 'in', servicePointIds);
  q = ids ? q.where('a.id', 'in', ids) : q.where('a.state', 'in', STATES.open);
  return q.orderBy('a.authorized_at').execute();
}

export type LiveRowRecord = Awaited<ReturnType<typeof liveRows>>[number];

/**
 * What the learners' pages show of their attempts (learner.stream.ts), for many attempts in one query: the
 * attempt row by primary key and where it is taken — not the paper or the progress that opening an attempt reads.
 */
export function attemptSignals(db: Executor, ids: string[]) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('workstations as w', 'w.id', 'a.workstation_id')
    .innerJoin('service_points as sp', 'sp.id', 'a.service_point_id')
    .select([
      'a.id',
      'a.user_id',
      'a.state',
      'a.deadline_at',
      'a.paused_at',
      'w.name as workstation_name',
      'sp.name as service_point_name',
    ])
    .where('a.id', 'in', ids)
    .execute();
}

/**
 * The day's figures, one row per day in [from, to]: exams authorized for that day at the service point and
 * what became of them (served by the attempts_sp_day index).
 */
export function summaryCounts(db: Executor, servicePointId: string, from: string, to: string) {
  return db
    .selectFrom('attempts')
    .select((eb) => {
      const count = (cond: ReturnType<typeof eb.and> | ReturnType<typeof eb>) =>
        eb.fn.sum<number>(eb.case().when(cond).then(1).else(0).end());
      return [
        'authorized_for as day',
        eb.fn.countAll<number>().as('authorized'),
        count(eb('started_at', 'is not', null)).as('started'),
        count(eb('outcome', '=', 'passed')).as('passed'),
        count(eb('outcome', '=', 'failed')).as('failed'),
        count(eb('state', '=', 'terminated')).as('terminated'),
        count(eb('state', '=', 'cancelled')).as('cancelled'),
      ];
    })
    .where('service_point_id', '=', servicePointId)
    .where('authorized_for', '>=', from)
    .where('authorized_for', '<=', to)
    .groupBy('authorized_for')
    .orderBy('authorized_for')
    .execute();
}

/** The exams authorized for one day at the service point, in the order they were authorized. */
export function attemptsOfDay(db: Executor, servicePointId: string, day: string) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .innerJoin('exam_versions as v', 'v.id', 'a.exam_version_id')
    .innerJoin('workstations as w', 'w.id', 'a.workstation_id')
    .select([
      'a.id',
      'a.state',
      'a.user_id',
      'u.first_name',
      'u.last_name',
      'v.title',
      'v.title_en',
      'w.name as workstation_name',
      'a.authorized_at',
      'a.started_at',
      'a.ended_at',
      'a.score_points',
      'a.max_points',
      'a.percentage',
      'a.outcome',
    ])
    .where('a.service_point_id', '=', servicePointId)
    .where('a.authorized_for', '=', day)
    .orderBy('a.authorized_at')
    .execute();
}
