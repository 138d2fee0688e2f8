import { z } from 'zod';
import { identifier, personName, text } from '../../../shared/text-input.js';

/** Requests of « Formations » and « Inscriptions » (replies: src/shared/catalog-admin.ts). */
const page = z.coerce.number().int().min(1).max(10_000).default(1);
const dir = z.enum(['asc', 'desc']);

export const trainingListQuery = z.object({
  q: text({ max: 100 }).default(''),
  sort: z.enum(['code', 'title', 'created']).default('code'),
  dir: dir.default('asc'),
  page,
});
export const trainingParams = z.object({ trainingId: identifier() });

const trainingFields = {
  // The title is printed on attestation cards and shown on the public verification page.
  title: z.object({ fr: personName({ min: 1, max: 200 }), en: personName({ max: 200 }).optional() }),
  description: z
    .object({
      fr: text({ max: 4000, multiline: true }).optional(),
      en: text({ max: 4000, multiline: true }).optional(),
    })
    .optional(),
  examId: identifier().nullable().optional(),
  validityMonths: z.number().int().min(1).max(600).nullable(),
  maxAttempts: z.number().int().min(1).max(20).default(3),
  retakeWaitDays: z.number().int().min(0).max(365).default(0),
  counterEnrolment: z.boolean().default(false),
  servicePointIds: z.array(identifier()).max(1000).default([]),
};
export const createTrainingBody = z.object({ code: identifier(64), ...trainingFields });
export const updateTrainingBody = z.object(trainingFields);

export const enrolmentListQuery = z.object({
  q: text({ max: 120 }).default(''),
  servicePointId: identifier().optional(),
  trainingId: identifier().optional(),
  sort: z.enum(['learner', 'training', 'created']).default('created'),
  dir: dir.default('desc'),
  page,
});
export const learnerSearchQuery = z.object({ q: text({ min: 1, max: 120 }) });
export const enrolBody = z.object({ learnerId: identifier(), trainingId: identifier(), servicePointId: identifier() });
export const enrolmentParams = z.object({ enrolmentId: identifier() });

/** At most 2 MB of CSV (about 40,000 lines), sent as base64 so the bytes arrive as the file holds them. */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const csvBody = z.object({
  fileName: text({ min: 1, max: 200 }),
  content: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_CSV_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'base64' }),
});

/** « Examens » (replies: src/shared/api/exams-admin.ts). */
export const examListQuery = z.object({ q: text({ max: 100 }).default(''), page });
export const examParams = z.object({ examId: identifier() });
export const examVersionParams = z.object({ versionId: identifier() });
export const examExportQuery = z.object({ format: z.enum(['yaml', 'json', 'qti3', 'qti21']) });
/** An exam file or a QTI package of at most 8 MB (images included), as base64. */
export const MAX_EXAM_BYTES = 8 * 1024 * 1024;
export const examImportBody = z.object({
  fileName: text({ min: 1, max: 200 }),
  content: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_EXAM_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'base64' }),
  /** QTI packages only, when the package gives none; a whole percentage from 1, as the exam file's `passing_mark`. */
  durationMinutes: z.number().int().min(1).max(600).optional(),
  passingMark: z.number().int().min(1).max(100).optional(),
});
/** « Importer dans la banque de questions »: a QTI package of items for the bank of the training of that code. */
export const bankImportBody = z.object({
  training: identifier(64),
  fileName: examImportBody.shape.fileName,
  content: examImportBody.shape.content,
});
