import type { Insertable, Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database, EnrolmentStatus } from '../../db/schema.js';
import { STATES } from '../../../shared/attempt-states.js';

type Executor = Db | Transaction<Database>;

// ---- exams and versions ----

export function findExamByCode(db: Executor, code: string) {
  return db.selectFrom('exams').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findExamById(db: Executor, id: string) {
  return db.selectFrom('exams').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The exam row, locked until the transaction ends on PostgreSQL (SQLite transactions are serialised). */
export function lockExamByCode(db: Transaction<Database>, code: string, postgres: boolean) {
  const q = db.selectFrom('exams').selectAll().where('code', '=', code);
  return (postgres ? q.forUpdate() : q).executeTakeFirst();
}

export async function insertExam(db: Executor, row: Insertable<Database['exams']>) {
  await db.insertInto('exams').values(row).execute();
}

async function setCurrentVersion(db: Executor, examId: string, versionId: string) {
  await db.updateTable('exams').set({ current_version_id: versionId }).where('id', '=', examId).execute();
}

export async function lastVersionNumber(db: Executor, examId: string): Promise<number> {
  const row = await db
    .selectFrom('exam_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('exam_id', '=', examId)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

export async function insertExamVersion(db: Executor, row: Insertable<Database['exam_versions']>) {
  await db.insertInto('exam_versions').values(row).execute();
}

const versionColumns = [
  'v.id',
  'v.exam_id',
  'e.code',
  'v.version',
  'v.title',
  'v.title_en',
  'v.duration_minutes',
  'v.passing_mark',
  'v.draw_count',
  'v.shuffle_items',
  'v.shuffle_choices',
  'v.content',
  'v.created_at',
  'v.state',
] as const;

export function findVersion(db: Executor, versionId: string) {
  return db
    .selectFrom('exam_versions as v')
    .innerJoin('exams as e', 'e.id', 'v.exam_id')
    .select(versionColumns)
    .where('v.id', '=', versionId)
    .executeTakeFirst();
}

export function findVersionByNumber(db: Executor, examId: string, version: number) {
  return db
    .selectFrom('exam_versions as v')
    .innerJoin('exams as e', 'e.id', 'v.exam_id')
    .select(versionColumns)
    .where('v.exam_id', '=', examId)
    .where('v.version', '=', version)
    .executeTakeFirst();
}

/** A draft of the exam, newest first: an import identical to it is « unchanged ». */
export function latestDraft(db: Executor, examId: string) {
  return db
    .selectFrom('exam_versions as v')
    .innerJoin('exams as e', 'e.id', 'v.exam_id')
    .select(versionColumns)
    .where('v.exam_id', '=', examId)
    .where('v.state', '=', 'draft')
    .orderBy('v.version', 'desc')
    .executeTakeFirst();
}

/** Publishes a version: the exam's current one (the one before, if any, is retired). */
export async function publishVersion(db: Transaction<Database>, examId: string, versionId: string, at: string) {
  await db
    .updateTable('exam_versions')
    .set({ state: 'retired', retired_at: at })
    .where('exam_id', '=', examId)
    .where('state', '=', 'published')
    .where('id', '!=', versionId)
    .execute();
  await db
    .updateTable('exam_versions')
    .set({ state: 'published', published_at: at })
    .where('id', '=', versionId)
    .execute();
  await setCurrentVersion(db, examId, versionId);
}

/** Retires a version; the exam has no current version any more when it was that one. */
export async function retireVersion(db: Transaction<Database>, examId: string, versionId: string, at: string) {
  await db.updateTable('exam_versions').set({ state: 'retired', retired_at: at }).where('id', '=', versionId).execute();
  await db
    .updateTable('exams')
    .set({ current_version_id: null })
    .where('id', '=', examId)
    .where('current_version_id', '=', versionId)
    .execute();
}

export function listExams(db: Executor) {
  return db
    .selectFrom('exams as e')
    .leftJoin('exam_versions as v', 'v.id', 'e.current_version_id')
    .select(['e.id', 'e.code', 'v.version', 'v.title', 'v.duration_minutes', 'v.passing_mark', 'v.draw_count'])
    .orderBy('e.code')
    .execute();
}

// ---- trainings ----

export function findTrainingByCode(db: Executor, code: string) {
  return db.selectFrom('trainings').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertTraining(db: Executor, row: Insertable<Database['trainings']>) {
  await db.insertInto('trainings').values(row).execute();
}

/** A training's retake rules (migration 0040, set in « Formations »). */
export function trainingRetakeRules(db: Executor, trainingId: string) {
  return db
    .selectFrom('trainings')
    .select(['max_attempts', 'retake_wait_days'])
    .where('id', '=', trainingId)
    .executeTakeFirst();
}

export function listTrainings(db: Executor) {
  return db
    .selectFrom('trainings as t')
    .leftJoin('exams as e', 'e.id', 't.exam_id')
    .select((eb) => [
      't.id',
      't.code',
      't.title',
      'e.code as exam_code',
      eb
        .selectFrom('enrolments as n')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('n.training_id', '=', 't.id')
        .as('enrolments'),
    ])
    .orderBy('t.code')
    .execute();
}

// ---- enrolments ----

export function findEnrolment(db: Executor, userId: string, trainingId: string) {
  return db
    .selectFrom('enrolments')
    .selectAll()
    .where('user_id', '=', userId)
    .where('training_id', '=', trainingId)
    .executeTakeFirst();
}

export async function updateEnrolmentStatus(db: Executor, enrolmentId: string, status: EnrolmentStatus, at: string) {
  await db.updateTable('enrolments').set({ status, updated_at: at }).where('id', '=', enrolmentId).execute();
}

export async function updateEnrolmentsStatus(db: Executor, ids: string[], status: EnrolmentStatus, at: string) {
  if (ids.length === 0) return;
  await db.updateTable('enrolments').set({ status, updated_at: at }).where('id', 'in', ids).execute();
}

/** A learner's enrolments at one service point whose training has an exam with a current version. */
export function enrolmentsAtServicePoint(db: Executor, learnerId: string, servicePointId: string) {
  return db
    .selectFrom('enrolments as n')
    .innerJoin('trainings as t', 't.id', 'n.training_id')
    .innerJoin('exams as e', 'e.id', 't.exam_id')
    .innerJoin('exam_versions as v', 'v.id', 'e.current_version_id')
    .select([
      'n.id as enrolment_id',
      'n.status',
      't.id as training_id',
      't.code as training_code',
      't.title as training_title',
      't.title_en as training_title_en',
      'e.id as exam_id',
      'v.id as version_id',
      'v.title as exam_title',
      'v.title_en as exam_title_en',
      'v.duration_minutes',
    ])
    .where('n.user_id', '=', learnerId)
    .where('n.service_point_id', '=', servicePointId)
    .orderBy('t.title')
    .execute();
}

const learnerTrainingQuery = (db: Executor, userId: string) =>
  db
    .selectFrom('enrolments as n')
    .innerJoin('trainings as t', 't.id', 'n.training_id')
    .innerJoin('service_points as sp', 'sp.id', 'n.service_point_id')
    .leftJoin('exams as e', 'e.id', 't.exam_id')
    .leftJoin('exam_versions as v', 'v.id', 'e.current_version_id')
    .select([
      'n.id as enrolment_id',
      'n.status',
      'n.created_at as enrolled_at',
      't.id as training_id',
      't.code',
      't.title',
      't.title_en',
      't.description',
      't.description_en',
      'sp.name as service_point_name',
      'sp.address as service_point_address',
      'sp.time_zone',
      'e.id as exam_id',
      'v.title as exam_title',
      'v.title_en as exam_title_en',
      'v.duration_minutes',
      'v.passing_mark',
      'v.draw_count',
      'v.content',
      (eb) =>
        eb
          .selectFrom('attempts as a')
          .innerJoin('workstations as w', 'w.id', 'a.workstation_id')
          .select('w.name')
          .whereRef('a.enrolment_id', '=', 'n.id')
          .where('a.state', 'in', ['authorized', 'in_progress'])
          .orderBy('a.authorized_at', 'desc')
          .limit(1)
          .as('workstation_name'),
    ])
    .where('n.user_id', '=', userId);

/**
 * « Mes formations »: the learner's extra time in force on `day` (« Mesures d'adaptation », the desk's table, read
 * only): not revoked, valid until that day or later.
 */
export function extraTimeOf(db: Executor, learnerId: string, day: string) {
  return db
    .selectFrom('accommodations')
    .select(['kind', 'minutes', 'valid_until'])
    .where('learner_id', '=', learnerId)
    .where('kind', '<>', 'separate_room')
    .where('revoked_at', 'is', null)
    .where('valid_until', '>=', day)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** « Mes formations »: every training the learner is enrolled in. */
export function learnerTrainings(db: Executor, userId: string) {
  return learnerTrainingQuery(db, userId).orderBy('n.created_at').orderBy('t.title').execute();
}

/** One training of the learner; undefined when not enrolled (or no such training). */
export function learnerTraining(db: Executor, userId: string, trainingId: string) {
  return learnerTrainingQuery(db, userId).where('t.id', '=', trainingId).executeTakeFirst();
}

export function finishedAttempts(db: Executor, userId: string, enrolmentId: string) {
  return db
    .selectFrom('attempts')
    .select(['id', 'state', 'started_at', 'ended_at', 'percentage', 'outcome'])
    .where('user_id', '=', userId)
    .where('enrolment_id', '=', enrolmentId)
    .where('state', 'in', STATES.ended)
    .orderBy('ended_at', 'desc')
    .execute();
}

export function openAttempt(db: Executor, userId: string, enrolmentId: string) {
  return db
    .selectFrom('attempts')
    .select(['id', 'state'])
    .where('user_id', '=', userId)
    .where('enrolment_id', '=', enrolmentId)
    .where('state', 'in', STATES.open)
    .orderBy('authorized_at', 'desc')
    .executeTakeFirst();
}

export async function setDowntimeCredit(db: Executor, examId: string, on: boolean) {
  await db
    .updateTable('exams')
    .set({ downtime_credit: on ? 1 : 0 })
    .where('id', '=', examId)
    .execute();
}
