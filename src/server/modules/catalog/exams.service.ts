import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database, ExamVersionState } from '../../db/schema.js';
import { newId } from '../../crypto.js';
import { DomainError } from '../../errors.js';
import type { Lang } from '../../http/messages.js';
import * as audit from '../audit/audit.service.js';
import { bankLookupFor } from './banks.service.js';
import * as repo from './catalog.repo.js';
import { toExamVersion, type ExamVersion } from './catalog.service.js';
import { sameDefinition, type ExamDefinition } from './exam-definition.js';
import { exportJson, exportYaml } from './export-yaml.js';
import { utf8Text } from './files.js';
import { ProblemList, unreadable } from './import-problems.js';
import type { BankLookup } from './file-sections.js';
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
  /** The version's state: the command line publishes at once; « Importer un examen » makes a draft. */
  state: ExamVersionState;
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Whether the source is a QTI package (a zip), whose duration and passing mark may come from `overrides`. */
export const isPackage = (source: Pick<ImportSource, 'name' | 'bytes'>) =>
  isZip(source.bytes) || /\.zip$/i.test(source.name);

/**
 * Reads and checks a file (own format or QTI package) without writing anything; refuses it whole. Whatever the
 * file is, the refusal is import_invalid with its problems (a 400, « N problème(s) » on the command line):
 * the readers turn what breaks a parser into problems, and anything they still throw is one more. A QTI
 * package gives one definition per test; an exam file drawing from a bank reads it from `banks`.
 */
export function readExamDefinitions(
  source: ImportSource,
  opts: Pick<ImportOptions, 'lang' | 'overrides'> = {},
  banks: BankLookup = () => null,
): ExamDefinition[] {
  const problems = new ProblemList(source.name);
  let defs: ExamDefinition[] | null = null;
  try {
    if (isPackage(source)) {
      defs = readQtiPackage(source.bytes, source.name, problems, opts.overrides);
    } else {
      const text = utf8Text(source.bytes);
      if (typeof text === 'string') {
        const def = readExamFile(text, source.name, source.readAsset ?? (() => null), problems, banks);
        defs = def ? [def] : null;
      } else problems.add(text.said, { line: text.line });
    }
  } catch (err) {
    problems.add(unreadable(err));
  }
  problems.check(opts.lang ?? 'fr');
  return defs!;
}

/** The one exam a file holds (a package of several tests is refused here: `importExams` takes each). */
export function readExamDefinition(
  source: ImportSource,
  opts: Pick<ImportOptions, 'lang' | 'overrides'> = {},
  banks?: BankLookup,
): ExamDefinition {
  const defs = readExamDefinitions(source, opts, banks);
  if (defs.length !== 1) {
    const problems = new ProblemList(source.name);
    problems.add({
      fr: `le paquet contient ${defs.length} tests : importez-les avec « exam import », chacun devient un examen.`,
      en: `the package holds ${defs.length} tests: import them with "exam import", each becomes an exam.`,
    });
    problems.check(opts.lang ?? 'fr');
  }
  return defs[0]!;
}

/** Imports an exam: a new exam, or a new version of the exam with that code. All or nothing. */
export async function importExam(ctx: AppContext, source: ImportSource, opts: ImportOptions): Promise<SavedExam> {
  const def = readExamDefinition(source, opts, await bankLookupFor(ctx, source));
  return saveExamVersion(ctx, def, opts);
}

/**
 * Imports every exam of a file: one for the own format, one per test of a QTI package (each its own exam, by
 * its code). All are checked, then written in one transaction: all or nothing.
 */
export async function importExams(ctx: AppContext, source: ImportSource, opts: ImportOptions): Promise<SavedExam[]> {
  const defs = readExamDefinitions(source, opts, await bankLookupFor(ctx, source));
  return ctx.db.transaction().execute(async (trx) => {
    const saved: SavedExam[] = [];
    for (const def of defs) saved.push(await saveVersionIn(ctx, trx, def, opts));
    return saved;
  });
}

/**
 * Writes a checked definition as the exam's next version (versions are never changed: attempts keep
 * theirs). Published at once (the command line), it becomes the exam's current version and the one before is
 * retired; a draft (`draft: true`, « Importer un examen ») waits for « Publier ». A definition identical to the
 * current version (or, for a draft, to the latest draft) writes nothing.
 */
export async function saveExamVersion(
  ctx: AppContext,
  def: ExamDefinition,
  meta: { actorId: string | null; ip?: string | null; draft?: boolean },
): Promise<SavedExam> {
  return ctx.db.transaction().execute((trx) => saveVersionIn(ctx, trx, def, meta));
}

async function saveVersionIn(
  ctx: AppContext,
  trx: Transaction<Database>,
  def: ExamDefinition,
  meta: { actorId: string | null; ip?: string | null; draft?: boolean },
): Promise<SavedExam> {
  const now = ctx.now().toISOString();
  const state: ExamVersionState = meta.draft ? 'draft' : 'published';
  let exam = await repo.lockExamByCode(trx, def.code, ctx.dbKind === 'postgres');
  let outcome: SavedExam['outcome'] = 'new_version';
  if (exam) {
    const current = exam.current_version_id ? await repo.findVersion(trx, exam.current_version_id) : undefined;
    const draft = meta.draft ? await repo.latestDraft(trx, exam.id) : undefined;
    const same = [current, draft].find((v) => v && sameDefinition(definitionOf(toExamVersion(v)), def));
    if (same)
      return {
        examId: exam.id,
        versionId: same.id,
        code: def.code,
        version: same.version,
        outcome: 'unchanged' as const,
        items: def.content.items.length,
        state: same.state,
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
    state: 'draft',
    published_at: null,
    retired_at: null,
  });
  if (state === 'published') await repo.publishVersion(trx, exam.id, versionId, now);
  await audit.record(ctx, trx, {
    action: 'exam.imported',
    actorId: meta.actorId,
    ip: meta.ip,
    payload: { examCode: def.code, version, state },
  });
  return { examId: exam.id, versionId, code: def.code, version, outcome, items: def.content.items.length, state };
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
