import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../server/errors.js';
import { messageFor } from '../../server/http/messages.js';
import { enrol, enrolFromCsv } from '../../server/modules/catalog/enrolments.service.js';
import { examJsonSchema } from '../../server/modules/catalog/exam-file.schema.js';
import {
  EXPORT_FORMATS,
  exportExam,
  importExams,
  listExams,
  type ExportFormat,
} from '../../server/modules/catalog/exams.service.js';
import { importBank, listBank } from '../../server/modules/catalog/banks.service.js';
import { fileAssetReader } from '../../server/modules/catalog/files.js';
import {
  describeProblem,
  namingSettings,
  unreadable,
  type ImportProblem,
} from '../../server/modules/catalog/import-problems.js';
import { createTraining, listTrainings } from '../../server/modules/catalog/trainings.service.js';
import { need, UsageError, type Command } from '../command.js';

const str = (v: string | boolean | undefined) => (typeof v === 'string' && v ? v : undefined);

function wholeNumber(v: string | boolean | undefined, name: string): number | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s)) throw new UsageError(`--${name} must be a whole number`);
  return Number(s);
}

/**
 * An import refused: « N problème(s), rien n’a été importé », every problem on its own line, then the same in
 * English, and a non-zero exit. Never a stack trace: the readers turn whatever breaks a parser into problems
 * (exams.service's readExamDefinition, the same for every caller); anything else thrown
 * under an import (a CSV naming something the database refuses) is one more problem, said the same way.
 */
async function reportingProblems(file: string, fn: () => Promise<void>) {
  let problems: ImportProblem[];
  try {
    await fn();
    return;
  } catch (err) {
    if (err instanceof DomainError && err.code !== 'import_invalid') throw err;
    problems =
      err instanceof DomainError
        ? ((err.opts.details as { problems?: ImportProblem[] } | undefined)?.problems ?? [])
        : [{ file, ...unreadable(err) }];
  }
  problems = namingSettings(problems, {
    durationMinutes: { fr: 'avec --duration MINUTES', en: 'with --duration MINUTES' },
    passingMark: { fr: 'avec --passing-mark POURCENT', en: 'with --passing-mark PERCENT' },
  });
  const n = problems.length;
  console.error(`Erreur : ${messageFor('import_invalid', 'fr', { reason: `${n} problème(s), rien n’a été importé` })}`);
  for (const p of problems) console.error(`  - ${describeProblem(p, 'fr')}`);
  console.error(`Error: ${messageFor('import_invalid', 'en', { reason: `${n} problem(s), nothing imported` })}`);
  for (const p of problems) console.error(`  - ${describeProblem(p, 'en')}`);
  process.exitCode = 1;
}

function readInput(file: string): Buffer {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  return readFileSync(file);
}

export const catalogCommands: Command[] = [
  {
    name: ['enrol'],
    summary: 'Enrol a learner in a training, or every row of a CSV file, at a service point',
    usage:
      'enrol --user LOGIN --training CODE --service-point NAME\n       npm run vigie -- enrol --csv FILE --service-point NAME\n\n' +
      'CSV: one enrolment per row, two columns: user name or e-mail, training code (comma or semicolon;\n' +
      'a header row « user,training » is skipped). Any bad row is reported with its line number and\n' +
      'nothing is enrolled.',
    options: {
      user: { type: 'string', description: 'user name or e-mail of the learner' },
      training: { type: 'string', description: 'training code' },
      csv: { type: 'string', description: 'CSV file of enrolments (instead of --user and --training)' },
      'service-point': { type: 'string', description: 'name of the service point where the learner takes the exam' },
    },
    async run(ctx, { values }) {
      const servicePointName = need(values, 'service-point');
      const csv = str(values.csv);
      if (csv) {
        if (values.user || values.training) throw new UsageError('give either --csv, or --user and --training');
        await reportingProblems(path.basename(csv), async () => {
          const r = await enrolFromCsv(
            ctx,
            { text: readInput(csv), fileName: path.basename(csv), servicePointName },
            { actorId: null, lang: 'en' },
          );
          console.log(`${r.enrolled} enrolment(s) created at « ${servicePointName} »`);
        });
        return;
      }
      const login = need(values, 'user');
      const trainingCode = need(values, 'training');
      await enrol(ctx, { login, trainingCode, servicePointName }, { actorId: null });
      console.log(`${login} enrolled in ${trainingCode} at « ${servicePointName} »`);
    },
  },
  {
    name: ['exam', 'import'],
    summary: 'Import an exam: own format (YAML or JSON) or IMS QTI 3.0 / 2.1 package (zip)',
    usage:
      'exam import FILE [--duration MINUTES] [--passing-mark PERCENT]\n\n' +
      'A QTI package with several tests imports each as its own exam. An exam whose code exists gets a new version (unless nothing changed); attempts keep their version.\n' +
      'The file is checked whole first: any problem is reported and nothing is imported.\n' +
      'Format: docs/exam-format.md; schema: docs/exam.schema.json.',
    options: {
      duration: { type: 'string', description: 'QTI only: exam duration in minutes, when the package gives none' },
      'passing-mark': { type: 'string', description: 'QTI only: passing mark in percent, when the package gives none' },
    },
    async run(ctx, { positionals, values }) {
      const file = positionals[0];
      if (!file) throw new UsageError('give the file to import');
      const bytes = readInput(file);
      const overrides = {
        durationMinutes: wholeNumber(values.duration, 'duration'),
        passingMark: wholeNumber(values['passing-mark'], 'passing-mark'),
      };
      const isPackage = /\.zip$/i.test(file) || bytes.subarray(0, 2).toString() === 'PK';
      if (!isPackage && (overrides.durationMinutes !== undefined || overrides.passingMark !== undefined))
        throw new UsageError('--duration and --passing-mark apply to QTI packages only: the exam file gives them');
      await reportingProblems(path.basename(file), async () => {
        const saved = await importExams(
          ctx,
          { name: path.basename(file), bytes, readAsset: fileAssetReader(path.dirname(file)) },
          { actorId: null, lang: 'en', overrides },
        );
        const what = {
          created: 'created',
          new_version: 'new version',
          unchanged: 'unchanged (same as the current version)',
        };
        for (const r of saved)
          console.log(`Exam ${r.code} version ${r.version}: ${what[r.outcome]}, ${r.items} item(s)`);
      });
    },
  },
  {
    name: ['bank', 'import'],
    summary: 'Import a QTI package of items (no test needed) into a training’s item bank',
    usage:
      'bank import FILE --training CODE\n\n' +
      'Every item of the package goes into the bank of the training; an item whose id is already there is\n' +
      'replaced (exams already built keep their copy). The package is checked whole first: any problem is\n' +
      'reported and nothing is imported. An exam draws from the bank by its sections (docs/exam-format.md).',
    options: { training: { type: 'string', description: 'training code' } },
    async run(ctx, { positionals, values }) {
      const file = positionals[0];
      if (!file) throw new UsageError('give the package to import');
      const trainingCode = need(values, 'training');
      const bytes = readInput(file);
      await reportingProblems(path.basename(file), async () => {
        const r = await importBank(
          ctx,
          trainingCode,
          { name: path.basename(file), bytes },
          { actorId: null, lang: 'en' },
        );
        console.log(
          `Bank of ${r.trainingCode}: ${r.items} item(s) read, ${r.added} added, ${r.replaced} replaced, ${r.unchanged} unchanged`,
        );
      });
    },
  },
  {
    name: ['bank', 'list'],
    summary: 'List the items of a training’s bank',
    usage: 'bank list --training CODE',
    options: { training: { type: 'string', description: 'training code' } },
    async run(ctx, { values }) {
      for (const { item, source } of await listBank(ctx, need(values, 'training')))
        console.log(
          `${item.id.padEnd(28)} ${item.type.padEnd(10)} ${item.points} pt  ${source}  ${item.stem.fr.slice(0, 60)}`,
        );
    },
  },
  {
    name: ['exam', 'export'],
    summary: 'Export an exam (current version, or --version N) as YAML, JSON, QTI 3.0 or QTI 2.1',
    usage: `exam export CODE --format ${EXPORT_FORMATS.join('|')} --out FILE [--version N]`,
    options: {
      format: { type: 'string', description: `${EXPORT_FORMATS.join(', ')} (QTI: a zip package)` },
      out: { type: 'string', description: 'file to write' },
      version: { type: 'string', description: 'version number (default: the current one)' },
    },
    async run(ctx, { positionals, values }) {
      const code = positionals[0];
      if (!code) throw new UsageError('give the exam code');
      const format = need(values, 'format') as ExportFormat;
      if (!EXPORT_FORMATS.includes(format))
        throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      const out = need(values, 'out');
      const r = await exportExam(ctx, code, format, wholeNumber(values.version, 'version'));
      writeFileSync(out, r.bytes);
      console.log(`Exam ${code} version ${r.version} written to ${out} (${format}, ${r.bytes.length} bytes)`);
    },
  },
  {
    name: ['exam', 'list'],
    summary: 'List the exams and their current version',
    usage: 'exam list',
    async run(ctx) {
      for (const e of await listExams(ctx))
        console.log(
          `${e.code.padEnd(28)} v${e.version ?? '-'}  ${e.duration_minutes ?? '-'} min  mark ${e.passing_mark ?? '-'} %  draw ${e.draw_count ?? 'all'}  ${e.title ?? ''}`,
        );
    },
  },
  {
    name: ['exam', 'schema'],
    summary: 'Print the JSON Schema of the exam format (docs/exam.schema.json)',
    usage: 'exam schema [--out FILE]',
    options: { out: { type: 'string', description: 'file to write (default: standard output)' } },
    async run(_ctx, { values }) {
      const text = `${JSON.stringify(examJsonSchema(), null, 2)}\n`;
      const out = str(values.out);
      if (out) writeFileSync(out, text);
      else process.stdout.write(text);
    },
  },
  {
    name: ['training', 'create'],
    summary: 'Create a training and name its final exam (import the exam first)',
    usage:
      'training create --code CODE --title TITLE --description TEXT --exam EXAM_CODE\n' +
      '                [--title-en TITLE] [--description-en TEXT] [--validity-months N]',
    options: {
      code: { type: 'string', description: 'training code, e.g. SIGNALEUR-ROUTIER' },
      title: { type: 'string', description: 'title (French)' },
      'title-en': { type: 'string', description: 'title (English)' },
      description: { type: 'string', description: 'description (French)' },
      'description-en': { type: 'string', description: 'description (English)' },
      exam: { type: 'string', description: 'code of the final exam' },
      'validity-months': { type: 'string', description: 'validity of the attestation, in months (default: none)' },
    },
    async run(ctx, { values }) {
      const t = await createTraining(
        ctx,
        {
          code: need(values, 'code'),
          title: { fr: need(values, 'title'), en: str(values['title-en']) },
          description: { fr: need(values, 'description'), en: str(values['description-en']) },
          examCode: need(values, 'exam'),
          validityMonths: wholeNumber(values['validity-months'], 'validity-months') ?? null,
        },
        { actorId: null },
      );
      console.log(`Training ${t.code} created`);
    },
  },
  {
    name: ['training', 'list'],
    summary: 'List the trainings, their exam and how many learners are enrolled',
    usage: 'training list',
    async run(ctx) {
      for (const t of await listTrainings(ctx))
        console.log(
          `${t.code.padEnd(28)} exam ${(t.exam_code ?? '-').padEnd(28)} ${t.enrolments} enrolled  ${t.title}`,
        );
    },
  },
];
