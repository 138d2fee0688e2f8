import type { AppContext } from '../../context.js';
import { DomainError, notFound } from '../../errors.js';
import type { Lang } from '../../http/messages.js';
import type { ExamContent } from '../../../shared/exam.js';
import * as audit from '../audit/audit.service.js';
import * as repo from './catalog.repo.js';
import * as examsRepo from './exams.repo.js';
import { exportExam, isPackage, readExamDefinition, saveExamVersion, type ExportFormat } from './exams.service.js';
import { importRefused, namingSettings, type ImportProblem } from './import-problems.js';
import type { QtiOverrides } from './qti/import-qti.js';

/**
 * « Examens » (issue 16): the exams and their versions; « Importer un examen » makes a draft the administrator
 * previews, then « Publier » makes it the exam's current version (the one before is retired); « Retirer » stops
 * new authorizations on a version (attempts that hold it keep it). A version's content never changes.
 */
interface Meta {
  actorId: string | null;
  ip?: string | null;
}

export const EXAMS_PAGE = 25;

const text = (fr: string, en: string | null | undefined) => (en ? { fr, en } : { fr });

export async function listExams(ctx: AppContext, f: { q: string; page: number }) {
  const rows = await examsRepo.listExams(ctx.db, {
    q: f.q.toLowerCase(),
    offset: (f.page - 1) * EXAMS_PAGE,
    limit: EXAMS_PAGE + 1,
  });
  const page = rows.slice(0, EXAMS_PAGE);
  const trainings = await examsRepo.trainingsOfExams(
    ctx.db,
    page.map((r) => r.id),
  );
  return {
    exams: page.map((r) => ({
      id: r.id,
      code: r.code,
      title: text(r.title ?? r.code, r.title_en),
      currentVersion: r.current_version ?? null,
      versions: Number(r.versions ?? 0),
      drafts: Number(r.drafts ?? 0),
      trainings: trainings
        .filter((t) => t.exam_id === r.id)
        .map((t) => ({ id: t.id, code: t.code, title: text(t.title, t.title_en) })),
    })),
    page: f.page,
    hasMore: rows.length > EXAMS_PAGE,
  };
}

function versionRow(v: Awaited<ReturnType<typeof examsRepo.versionsOf>>[number]) {
  return {
    id: v.id,
    version: v.version,
    title: text(v.title, v.title_en),
    durationMinutes: v.duration_minutes,
    passingMark: v.passing_mark,
    items: (JSON.parse(v.content) as ExamContent).items.length,
    drawCount: v.draw_count,
    state: v.state,
    createdAt: v.created_at,
    publishedAt: v.published_at,
    retiredAt: v.retired_at,
  };
}

export async function examDetail(ctx: AppContext, examId: string) {
  const exam = await repo.findExamById(ctx.db, examId);
  if (!exam) throw notFound();
  const [versions, trainings] = await Promise.all([
    examsRepo.versionsOf(ctx.db, examId),
    examsRepo.trainingsOfExams(ctx.db, [examId]),
  ]);
  return {
    id: exam.id,
    code: exam.code,
    currentVersionId: exam.current_version_id,
    trainings: trainings.map((t) => ({ id: t.id, code: t.code, title: text(t.title, t.title_en) })),
    versions: versions.map(versionRow),
  };
}

/** One version's row (the preview shows it above the items); 404 when unknown. */
export async function examVersionRow(ctx: AppContext, versionId: string) {
  const found = await repo.findVersion(ctx.db, versionId);
  if (!found) throw notFound();
  const v = (await examsRepo.versionsOf(ctx.db, found.exam_id)).find((r) => r.id === versionId)!;
  return { examId: found.exam_id, code: found.code, row: versionRow(v) };
}

/** The page's fields for what a QTI package may lack (the labels of « Importer un examen »). */
const PAGE_SETTINGS = {
  durationMinutes: { fr: 'dans « Durée (minutes) »', en: 'in “Duration (minutes)”' },
  passingMark: { fr: 'dans « Note de passage (%) »', en: 'in “Passing mark (%)”' },
};

export interface UploadedExam {
  fileName: string;
  bytes: Uint8Array;
  lang: Lang;
  overrides: QtiOverrides;
}

/**
 * What a refused QTI package lacks: a setting is lacking when giving it (the administrator's value, or any value)
 * removes problems. The package is read again once per missing setting, only when it was refused.
 */
function lacking(file: UploadedExam, problems: number): ('durationMinutes' | 'passingMark')[] {
  const count = (overrides: QtiOverrides) => {
    try {
      readExamDefinition({ name: file.fileName, bytes: file.bytes }, { lang: file.lang, overrides });
      return 0;
    } catch (err) {
      return err instanceof DomainError ? problemsOf(err).length : problems;
    }
  };
  const out: ('durationMinutes' | 'passingMark')[] = [];
  if (file.overrides.durationMinutes === undefined && count({ ...file.overrides, durationMinutes: 60 }) < problems)
    out.push('durationMinutes');
  if (file.overrides.passingMark === undefined && count({ ...file.overrides, passingMark: 70 }) < problems)
    out.push('passingMark');
  return out;
}

const problemsOf = (err: DomainError) =>
  ((err.opts.details as { problems?: ImportProblem[] } | undefined)?.problems ?? []) as ImportProblem[];

/**
 * « Importer un examen »: reads the file as the command line does (own format or QTI package) and writes it as a
 * draft version. Refused, the 400 lists every problem and, for a package, what it lacks (`needs`), naming the
 * first as its field.
 */
export async function importDraft(ctx: AppContext, file: UploadedExam, meta: Meta) {
  const source = { name: file.fileName, bytes: file.bytes };
  const qti = isPackage(source);
  if (!qti) {
    // The own format always gives them: a value here would be silently ignored.
    if (file.overrides.durationMinutes !== undefined)
      throw new DomainError('validation', { field: 'durationMinutes', params: { field: 'durationMinutes' } });
    if (file.overrides.passingMark !== undefined)
      throw new DomainError('validation', { field: 'passingMark', params: { field: 'passingMark' } });
  }
  let def;
  try {
    def = readExamDefinition(source, { lang: file.lang, overrides: file.overrides });
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'import_invalid') throw err;
    const problems = namingSettings(problemsOf(err), PAGE_SETTINGS);
    const needs = qti ? lacking(file, problems.length) : [];
    const refused = importRefused(problems, file.lang);
    throw new DomainError('import_invalid', {
      field: needs[0] ?? 'content',
      params: refused.opts.params,
      details: { problems: (refused.opts.details as { problems: unknown[] }).problems, needs },
    });
  }
  const saved = await saveExamVersion(ctx, def, { ...meta, draft: true });
  return {
    examId: saved.examId,
    versionId: saved.versionId,
    code: saved.code,
    version: saved.version,
    outcome: saved.outcome,
    state: saved.state,
    items: saved.items,
  };
}

async function lockedVersion(ctx: AppContext, trx: Parameters<typeof repo.lockExamByCode>[0], versionId: string) {
  const found = await repo.findVersion(trx, versionId);
  if (!found) throw notFound();
  // The exam's row is locked first: a publication and a retirement of the same exam wait for each other.
  const exam = (await repo.lockExamByCode(trx, found.code, ctx.dbKind === 'postgres'))!;
  const version = (await repo.findVersion(trx, versionId))!;
  return { exam, version };
}

/** « Publier »: a draft becomes the exam's current version; the published one before is retired. */
export async function publishVersion(ctx: AppContext, versionId: string, meta: Meta) {
  const now = ctx.now().toISOString();
  const examId = await ctx.db.transaction().execute(async (trx) => {
    const { exam, version } = await lockedVersion(ctx, trx, versionId);
    if (version.state !== 'draft')
      throw new DomainError('exam_version_not_draft', { field: 'versionId', params: { version: version.version } });
    const before = exam.current_version_id ? await repo.findVersion(trx, exam.current_version_id) : undefined;
    await repo.publishVersion(trx, exam.id, version.id, now);
    await audit.record(ctx, trx, {
      action: 'exam.published',
      actorId: meta.actorId,
      ip: meta.ip,
      payload: { examCode: exam.code, version: version.version, replaced: before?.version ?? null },
    });
    return exam.id;
  });
  return examDetail(ctx, examId);
}

/** « Retirer »: no new authorization on the version; attempts already authorized or running keep it. */
export async function retireVersion(ctx: AppContext, versionId: string, meta: Meta) {
  const now = ctx.now().toISOString();
  const examId = await ctx.db.transaction().execute(async (trx) => {
    const { exam, version } = await lockedVersion(ctx, trx, versionId);
    if (version.state === 'retired')
      throw new DomainError('exam_version_retired', { field: 'versionId', params: { version: version.version } });
    await repo.retireVersion(trx, exam.id, version.id, now);
    await audit.record(ctx, trx, {
      action: 'exam.retired',
      actorId: meta.actorId,
      ip: meta.ip,
      payload: { examCode: exam.code, version: version.version, wasCurrent: exam.current_version_id === version.id },
    });
    return exam.id;
  });
  return examDetail(ctx, examId);
}

/** A version in one of the formats, as the command line's `exam export` writes it. */
export async function exportVersion(ctx: AppContext, versionId: string, format: ExportFormat) {
  const found = await repo.findVersion(ctx.db, versionId);
  if (!found) throw notFound();
  const file = await exportExam(ctx, found.code, format, found.version);
  const suffix = format === 'qti3' ? '-qti3' : format === 'qti21' ? '-qti21' : '';
  return { bytes: file.bytes, fileName: `${found.code}-v${found.version}${suffix}.${file.extension}` };
}
