import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database, EnrolmentStatus, ExamVersionState } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { ExamContent, LocalizedText } from '../../../shared/exam.js';
import * as repo from './catalog.repo.js';

/**
 * What the other modules use from the catalog: the exams a learner may be authorized for at a service
 * point, an exam version with its content (keys included: server side only), the enrolment status.
 */

export interface ExamVersion {
  id: string;
  examId: string;
  examCode: string;
  version: number;
  title: LocalizedText;
  durationMinutes: number;
  passingMark: number;
  /** null: every item. */
  drawCount: number | null;
  shuffleItems: boolean;
  shuffleChoices: boolean;
  /** With the keys: never send it to a learner as is (see shared/exam.ts DeliveredItem). */
  content: ExamContent;
  createdAt: string;
  /** Changes (draft → published → retired, migration 0110): attempts' cache keeps the state it first read. */
  state: ExamVersionState;
}

const text = (fr: string, en: string | null): LocalizedText => (en ? { fr, en } : { fr });

export function toExamVersion(row: NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>): ExamVersion {
  return {
    id: row.id,
    examId: row.exam_id,
    examCode: row.code,
    version: row.version,
    title: text(row.title, row.title_en),
    durationMinutes: row.duration_minutes,
    passingMark: row.passing_mark,
    drawCount: row.draw_count,
    shuffleItems: row.shuffle_items === 1,
    shuffleChoices: row.shuffle_choices === 1,
    content: JSON.parse(row.content) as ExamContent,
    createdAt: row.created_at,
    state: row.state,
  };
}

/** One exam version (versions never change once written); 404 when unknown. */
export async function examVersion(ctx: AppContext, versionId: string): Promise<ExamVersion> {
  const row = await repo.findVersion(ctx.db, versionId);
  if (!row) throw notFound();
  return toExamVersion(row);
}

/** The version an authorization made now would use; 404 when the exam is unknown or has no version. */
export async function currentVersionOf(ctx: AppContext, examId: string): Promise<ExamVersion> {
  const exam = await repo.findExamById(ctx.db, examId);
  if (!exam?.current_version_id) throw notFound();
  return examVersion(ctx, exam.current_version_id);
}

export interface EnrolmentAtServicePoint {
  enrolmentId: string;
  status: EnrolmentStatus;
  training: { id: string; code: string; title: LocalizedText };
  examId: string;
  examVersionId: string;
  examTitle: LocalizedText;
  durationMinutes: number;
}

/**
 * A learner's enrolments at a service point, each with its training's exam and current version: what an
 * operator there may authorize. Trainings without an exam are left out (there is nothing to authorize).
 */
export async function enrolmentsAtServicePoint(
  ctx: AppContext,
  learnerId: string,
  servicePointId: string,
): Promise<EnrolmentAtServicePoint[]> {
  const rows = await repo.enrolmentsAtServicePoint(ctx.db, learnerId, servicePointId);
  return rows.map((r) => ({
    enrolmentId: r.enrolment_id,
    status: r.status,
    training: { id: r.training_id, code: r.training_code, title: text(r.training_title, r.training_title_en) },
    examId: r.exam_id,
    examVersionId: r.version_id,
    examTitle: text(r.exam_title, r.exam_title_en),
    durationMinutes: r.duration_minutes,
  }));
}

/**
 * Sets an enrolment's status, inside the caller's transaction (the attempt's state change and the
 * enrolment's status commit together), at `at` (the caller's transition time) or now.
 */
export async function setEnrolmentStatus(
  ctx: AppContext,
  trx: Transaction<Database>,
  enrolmentId: string,
  status: EnrolmentStatus,
  at = ctx.now().toISOString(),
): Promise<void> {
  await repo.updateEnrolmentStatus(trx, enrolmentId, status, at);
}

/** The same for several enrolments at once (a batch of « Commencer », attempts/starts.writer.ts). */
export async function setEnrolmentsStatus(
  trx: Transaction<Database>,
  enrolmentIds: string[],
  status: EnrolmentStatus,
  at: string,
): Promise<void> {
  await repo.updateEnrolmentsStatus(trx, enrolmentIds, status, at);
}
