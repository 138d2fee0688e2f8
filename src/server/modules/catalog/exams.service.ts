import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import { DomainError } from '../../errors.js';
import type { Lang } from '../../http/messages.js';
import * as audit from '../audit/audit.service.js';
import * as repo from './catalog.repo.js';
import { toExamVersion, type ExamVersion } from './catalog.service.js';
import { sameDefinition, type ExamDefinition } from './exam-definition.js';
import { exportJson, exportYaml } from './export-yaml.js';
import { utf8Text } from './files.js';
import { ProblemList, unreadable } from './import-problems.js';
import { readExamFile } from './import-yaml.js';
import type { AssetReader } from './items/read-file-item.js';
import { exportQti } from './qti/export-qti.js';
import { readQtiPackage, type QtiOverrides } from './qti/import-qti.js';

export type ExportFormat = 'yaml' | 'json' | 'qti3' | 'qti21';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['yaml', 'json', 'qti3', 'qti21'];

export interface ImportSource {
  /** The file's name, as errors will name it (extension: .yaml, .yml, .json or .zip). */
  name: string;
  bytes: Uint8Array;
  /** Reads the files an exam file names (its images); none when absent. */
  readAsset?: AssetReader;
}

export interface ImportOptions {
  actorId: string | null;
  ip?: string | null;
  /** Language of the error messages. */
  lang?: Lang;
  /** For QTI packages only (QTI has no standard place for a passing mark); the own format always gives them. */
  overrides?: QtiOverrides;
}

export interface SavedExam {
  examId: string;
  versionId: string;
  code: string;
  version: number;
  /** created: a new exam; new_version: a new version of an existing exam; unchanged: same as the current version. */
  outcome: 'created' | 'new_version' | 'unchanged';
  items: number;
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Reads and checks a file (own format or QTI package) without writing anything; refuses it whole. Whatever the
 * file is, the refusal is import_invalid with its problems (a 400, « N problème(s) » on the command line):
 * the readers turn what breaks a parser into problems, and anything they still throw is one more.
 */
export function readExamDefinition(source: ImportSource, opts: Pick<ImportOptions, 'lang' | 'overrides'> = {}) {
  const problems = new ProblemList(source.name);
  let def: ExamDefinition | null = null;
  try {
    if (isZip(source.bytes) || /\.zip$/i.test(source.name)) {
      def = readQtiPackage(source.bytes, source.name, problems, opts.overrides);
    } else {
      const text = utf8Text(source.bytes);
      if (typeof text === 'string') def = readExamFile(text, source.name, source.readAsset ?? (() => null), problems);
      else problems.add(text.said, { line: text.line });
    }
  } catch (err) {
    problems.add(unreadable(err));
  }
  problems.check(opts.lang ?? 'fr');
  return def!;
}

/** Imports an exam: a new exam, or a new version of the exam with that code. All or nothing. */
export async function importExam(ctx: AppContext, source: ImportSource, opts: ImportOptions): Promise<SavedExam> {
  const def = readExamDefinition(source, opts);
  return saveExamVersion(ctx, def, opts);
}

/**
 * Writes a checked definition as the exam's next version (versions are never changed: attempts keep
 * theirs). A definition identical to the current version writes nothing.
 */
export async function saveExamVersion(
  ctx: AppContext,
  def: ExamDefinition,
  meta: { actorId: string | null; ip?: string | null },
): Promise<SavedExam> {
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    let exam = await repo.lockExamByCode(trx, def.code, ctx.dbKind === 'postgres');
    let outcome: SavedExam['outcome'] = 'new_version';
    if (exam?.current_version_id) {
      const current = await repo.findVersion(trx, exam.current_version_id);
      if (current && sameDefinition(definitionOf(toExamVersion(current)), def))
        return {
          examId: exam.id,
          versionId: current.id,
          code: def.code,
          version: current.version,
          outcome: 'unchanged' as const,
          items: def.content.items.length,
        };
    }
    if (!exam) {
      exam = { id: newId(), code: def.code, current_version_id: null, created_at: now, downtime_credit: 0 as const };
      await repo.insertExam(trx, exam);
      outcome = 'created';
    }
    const version = (await repo.lastVersionNumber(trx, exam.id)) + 1;
    const versionId = newId();
    await repo.insertExamVersion(trx, {
      id: versionId,
      exam_id: exam.id,
      version,
      title: def.title.fr,
      title_en: def.title.en ?? null,
      duration_minutes: def.durationMinutes,
      passing_mark: def.passingMark,
      draw_count: def.drawCount,
      shuffle_items: def.shuffleItems ? 1 : 0,
      shuffle_choices: def.shuffleChoices ? 1 : 0,
      content: JSON.stringify(def.content),
      created_at: now,
    });
    await repo.setCurrentVersion(trx, exam.id, versionId);
    await audit.record(ctx, trx, {
      action: 'exam.imported',
      actorId: meta.actorId,
      ip: meta.ip,
      payload: { examCode: def.code, version },
    });
    return { examId: exam.id, versionId, code: def.code, version, outcome, items: def.content.items.length };
  });
}

export function definitionOf(v: ExamVersion): ExamDefinition {
  return {
    code: v.examCode,
    title: v.title,
    durationMinutes: v.durationMinutes,
    passingMark: v.passingMark,
    drawCount: v.drawCount,
    shuffleItems: v.shuffleItems,
    shuffleChoices: v.shuffleChoices,
    content: v.content,
  };
}

/** The exam's current version (or the given version number) in one of the formats. */
export async function exportExam(
  ctx: AppContext,
  code: string,
  format: ExportFormat,
  versionNumber?: number,
): Promise<{ bytes: Uint8Array; version: number; extension: string }> {
  const exam = await repo.findExamByCode(ctx.db, code);
  if (!exam) throw new DomainError('unknown_exam', { field: 'code', params: { code } });
  const row =
    versionNumber === undefined
      ? exam.current_version_id
        ? await repo.findVersion(ctx.db, exam.current_version_id)
        : undefined
      : await repo.findVersionByNumber(ctx.db, exam.id, versionNumber);
  if (!row) throw new DomainError('unknown_exam', { field: 'version', params: { code: `${code} v${versionNumber}` } });
  const def = definitionOf(toExamVersion(row));
  switch (format) {
    case 'yaml':
      return { bytes: Buffer.from(exportYaml(def)), version: row.version, extension: 'yaml' };
    case 'json':
      return { bytes: Buffer.from(exportJson(def)), version: row.version, extension: 'json' };
    case 'qti3':
      return { bytes: exportQti(def, '3.0'), version: row.version, extension: 'zip' };
    case 'qti21':
      return { bytes: exportQti(def, '2.1'), version: row.version, extension: 'zip' };
  }
}

export async function listExams(ctx: AppContext) {
  return repo.listExams(ctx.db);
}

/**
 * Whether the exam gives the learners in progress the time the whole service was down (see
 * docs/attempts.md, « Redémarrages »). Audited; takes effect at the next start after a downtime.
 */
export async function setDowntimeCredit(
  ctx: AppContext,
  examCode: string,
  on: boolean,
  actorId: string | null,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const exam = await repo.findExamByCode(trx, examCode);
    if (!exam) throw new DomainError('unknown_exam', { field: 'examCode' });
    await repo.setDowntimeCredit(trx, exam.id, on);
    await audit.record(ctx, trx, {
      action: 'exam.settings_changed',
      actorId,
      subjectUserId: null,
      servicePointId: null,
      ip: null,
      payload: { examCode, downtimeCredit: on },
    });
  });
}
