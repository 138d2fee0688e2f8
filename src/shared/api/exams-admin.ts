/**
 * Replies of « Examens » (issue 16): the exams and their versions, « Importer un examen », « Publier »,
 * « Retirer », the preview of a version's items (keys marked, for administrators only) and « Essayer l'examen ».
 */
import { z } from 'zod';
import { attemptDelivery, attemptResult, deliveredItem } from './attempts.js';
import { localizedText } from './common.js';

export const examVersionStates = ['draft', 'published', 'retired'] as const;

const trainingRef = z.object({ id: z.string(), code: z.string(), title: localizedText });

export const examListReply = z.object({
  exams: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      /** The newest version's title. */
      title: localizedText,
      /** The published version new authorizations use; null when none is. */
      currentVersion: z.number().int().nullable(),
      versions: z.number().int(),
      drafts: z.number().int(),
      trainings: z.array(trainingRef),
    }),
  ),
  page: z.number().int(),
  hasMore: z.boolean(),
});

export const examVersionRow = z.object({
  id: z.string(),
  version: z.number().int(),
  title: localizedText,
  durationMinutes: z.number(),
  passingMark: z.number(),
  items: z.number().int(),
  /** null: every item; else how many a paper draws. */
  drawCount: z.number().int().nullable(),
  state: z.enum(examVersionStates),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
});

export const examDetailReply = z.object({
  id: z.string(),
  code: z.string(),
  currentVersionId: z.string().nullable(),
  trainings: z.array(trainingRef),
  /** Newest first. */
  versions: z.array(examVersionRow),
});

/** « Importer un examen »: the draft made (or the version it is identical to: `unchanged`). */
export const examImportReply = z.object({
  examId: z.string(),
  versionId: z.string(),
  code: z.string(),
  version: z.number().int(),
  outcome: z.enum(['created', 'new_version', 'unchanged']),
  state: z.enum(examVersionStates),
  items: z.number().int(),
});

/** « Importer dans la banque de questions »: what the package did to the training's bank (`bank.imported`). */
export const bankImportReply = z.object({
  trainingCode: z.string(),
  items: z.number().int(),
  added: z.number().int(),
  replaced: z.number().int(),
  unchanged: z.number().int(),
});

/** One problem of a refused import (the 400's `details.problems`), with `needs`: what a QTI package lacks. */
export const importProblem = z.object({
  file: z.string(),
  item: z.string().optional(),
  line: z.number().int().optional(),
  field: z.string().optional(),
  message: z.string(),
});
export const importRefusalDetails = z.object({
  problems: z.array(importProblem),
  needs: z.array(z.enum(['durationMinutes', 'passingMark'])).optional(),
});

/** A version as the administrator previews it: each item as the learner sees it, with its key. */
export const examPreviewReply = z.object({
  examId: z.string(),
  code: z.string(),
  version: examVersionRow.extend({ shuffleItems: z.boolean(), shuffleChoices: z.boolean() }),
  items: z.array(
    deliveredItem.extend({
      correct: z.array(z.string()),
      /** `text_entry`: what is accepted (numbers written as the file writes them). */
      accepted: z.array(z.string()).optional(),
    }),
  ),
});

/** « Essayer l'examen »: a paper drawn as for an attempt, never stored; the page keeps the answers. */
export const examTrialReply = z.object({
  code: z.string(),
  version: z.number().int(),
  delivery: attemptDelivery,
  paper: z.object({
    items: z.array(
      z.object({ id: z.string(), choiceOrder: z.array(z.string()), targetOrder: z.array(z.string()).optional() }),
    ),
  }),
});
export const examTrialScoreReply = z.object({ result: attemptResult });

export type ExamListReply = z.infer<typeof examListReply>;
export type ExamVersionRow = z.infer<typeof examVersionRow>;
export type ExamDetail = z.infer<typeof examDetailReply>;
export type ExamImportReply = z.infer<typeof examImportReply>;
export type BankImportReply = z.infer<typeof bankImportReply>;
export type ImportRefusalDetails = z.infer<typeof importRefusalDetails>;
export type ExamPreview = z.infer<typeof examPreviewReply>;
export type PreviewItem = ExamPreview['items'][number];
export type ExamTrial = z.infer<typeof examTrialReply>;
export type ExamTrialScore = z.infer<typeof examTrialScoreReply>;
