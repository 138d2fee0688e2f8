import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import { lastSeqOf } from '../../db/attempt-progress.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

/*
 * The reads an access check needs, across the tables that say who may reach what (as Immich's access
 * repository does). Read only: each table is written by its own module.
 */

/** Whether the learner has an enrolment at the service point (any status): what puts them within its reach. */
export async function enrolledAt(db: Executor, learnerId: string, servicePointId: string): Promise<boolean> {
  const row = await db
    .selectFrom('enrolments')
    .select('id')
    .where('user_id', '=', learnerId)
    .where('service_point_id', '=', servicePointId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/**
 * The attempt, with what its owner and its service point are, and what every screen and transition after the
 * check needs (exam version summary, workstation, service point, learner's name): read once per request.
 */
export function attemptRow(db: Executor, id: string) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('exam_versions as v', 'v.id', 'a.exam_version_id')
    .innerJoin('workstations as w', 'w.id', 'a.workstation_id')
    .innerJoin('service_points as sp', 'sp.id', 'a.service_point_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select((eb) => [
      'a.id',
      'a.user_id',
      'a.enrolment_id',
      'a.exam_version_id',
      'a.service_point_id',
      'a.workstation_id',
      'a.state',
      'a.authorized_for',
      'a.started_at',
      'a.deadline_at',
      'a.paused_at',
      'a.paused_ms',
      'a.moved_at',
      'a.extra_minutes',
      'a.added_minutes',
      'a.ended_at',
      'a.ended_by',
      'a.items',
      lastSeqOf(eb),
      'a.score_points',
      'a.max_points',
      'a.percentage',
      'a.outcome',
      'v.title',
      'v.title_en',
      'v.duration_minutes',
      'v.passing_mark',
      'v.draw_count',
      'w.name as workstation_name',
      'sp.name as service_point_name',
      'sp.time_zone',
      'u.first_name',
      'u.last_name',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export type AttemptRow = NonNullable<Awaited<ReturnType<typeof attemptRow>>>;
