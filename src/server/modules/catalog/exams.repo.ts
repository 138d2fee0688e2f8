import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

/** « Examens »: the exams a page at a time, each with its newest title, its current version and counts. */
export function listExams(db: Executor, f: { q: string; offset: number; limit: number }) {
  let query = db
    .selectFrom('exams as e')
    .leftJoin('exam_versions as cv', 'cv.id', 'e.current_version_id')
    .select((eb) => [
      'e.id',
      'e.code',
      'cv.version as current_version',
      eb
        .selectFrom('exam_versions as v')
        .select('v.title')
        .whereRef('v.exam_id', '=', 'e.id')
        .orderBy('v.version', 'desc')
        .limit(1)
        .as('title'),
      eb
        .selectFrom('exam_versions as v')
        .select('v.title_en')
        .whereRef('v.exam_id', '=', 'e.id')
        .orderBy('v.version', 'desc')
        .limit(1)
        .as('title_en'),
      eb
        .selectFrom('exam_versions as v')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('v.exam_id', '=', 'e.id')
        .as('versions'),
      eb
        .selectFrom('exam_versions as v')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('v.exam_id', '=', 'e.id')
        .where('v.state', '=', 'draft')
        .as('drafts'),
    ]);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(e.code)`, 'like', sql`${like} escape '\\'`),
        eb.exists(
          eb
            .selectFrom('exam_versions as v')
            .select('v.id')
            .whereRef('v.exam_id', '=', 'e.id')
            .where((w) =>
              w.or([
                w(sql`lower(v.title)`, 'like', sql`${like} escape '\\'`),
                w(sql`lower(coalesce(v.title_en, ''))`, 'like', sql`${like} escape '\\'`),
              ]),
            ),
        ),
      ]),
    );
  }
  return query.orderBy('e.code').offset(f.offset).limit(f.limit).execute();
}

/** The trainings whose final exam is one of these. */
export function trainingsOfExams(db: Executor, examIds: string[]) {
  if (examIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('trainings')
    .select(['id', 'code', 'title', 'title_en', 'exam_id'])
    .where('exam_id', 'in', examIds)
    .orderBy('code')
    .execute();
}

/** An exam's versions, newest first, with their content (the item count is read from it). */
export function versionsOf(db: Executor, examId: string) {
  return db
    .selectFrom('exam_versions')
    .select([
      'id',
      'version',
      'title',
      'title_en',
      'duration_minutes',
      'passing_mark',
      'draw_count',
      'content',
      'state',
      'created_at',
      'published_at',
      'retired_at',
    ])
    .where('exam_id', '=', examId)
    .orderBy('version', 'desc')
    .execute();
}
