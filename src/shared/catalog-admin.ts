import { z } from 'zod';

/**
 * What « Formations », « Inscriptions », « Journal d'audit » and the desk's walk-in notice answer: the server
 * serialises its replies through these schemas, the web app reads the inferred types.
 */
const localized = z.object({ fr: z.string(), en: z.string().optional() });
const said = z.object({ fr: z.string(), en: z.string() });
const named = z.object({ id: z.string(), name: z.string() });

export const enrolmentStatuses = ['in_training', 'exam_authorized', 'exam_in_progress', 'passed', 'failed'] as const;

export const trainingRow = z.object({
  id: z.string(),
  code: z.string(),
  title: localized,
  validityMonths: z.number().int().nullable(),
  maxAttempts: z.number().int(),
  retakeWaitDays: z.number().int(),
  counterEnrolment: z.boolean(),
  examCode: z.string().nullable(),
  servicePoints: z.array(named),
});
export const trainingListReply = z.object({
  trainings: z.array(trainingRow.extend({ enrolments: z.number().int() })),
  page: z.number().int(),
  hasMore: z.boolean(),
});
export const trainingDetailReply = trainingRow.extend({ description: localized, examId: z.string().nullable() });
export const catalogOptionsReply = z.object({
  servicePoints: z.array(named),
  exams: z.array(z.object({ id: z.string(), code: z.string(), title: localized.nullable() })),
});

/** What « Inscriptions » chooses from: the caller's service points, and the trainings offered at them. */
export const enrolmentOptionsReply = z.object({
  servicePoints: z.array(named),
  trainings: z.array(z.object({ id: z.string(), code: z.string(), title: localized, servicePoints: z.array(named) })),
});

const learner = z.object({ id: z.string(), name: z.string(), email: z.string(), userCode: z.string() });
export const enrolmentListReply = z.object({
  enrolments: z.array(
    z.object({
      id: z.string(),
      status: z.enum(enrolmentStatuses),
      createdAt: z.string(),
      learner,
      training: z.object({ id: z.string(), code: z.string(), title: localized }),
      servicePoint: named,
    }),
  ),
  page: z.number().int(),
  hasMore: z.boolean(),
});
export const learnerSearchReply = z.object({ learners: z.array(learner) });

export const importLine = z.object({
  line: z.number().int(),
  cells: z.array(z.string()),
  outcome: z.enum(['enrol', 'refused']),
  reasons: z.array(said),
  enrolment: z
    .object({
      learner: z.object({ name: z.string(), userCode: z.string() }),
      trainingCode: z.string(),
      servicePoint: z.string(),
    })
    .nullable(),
});
export const importPreviewReply = z.object({
  lines: z.array(importLine),
  accepted: z.number().int(),
  refused: z.number().int(),
});
export const importReply = z.object({ enrolled: z.number().int(), refused: z.array(importLine) });

const person = z.object({ name: z.string(), userCode: z.string() }).nullable();
export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  ip: z.string().nullable(),
  actor: person,
  learner: person,
  servicePoint: named.nullable(),
});
export const auditListReply = z.object({
  entries: z.array(auditEntry),
  nextBefore: z.number().int().nullable(),
  actions: z.array(z.string()),
});
export const auditEntryReply = auditEntry.extend({ payload: z.unknown(), prevHash: z.string(), hash: z.string() });
export const auditVerifyReply = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  brokenAt: z.object({ id: z.number().int(), at: z.string().nullable(), action: z.string().nullable() }).nullable(),
  reason: said.nullable(),
});

export const walkInHintReply = z.object({
  accounts: z.number().int(),
  moreThan: z.boolean(),
  counterTrainings: z.array(z.object({ id: z.string(), code: z.string(), title: localized })),
});

export type TrainingRow = z.infer<typeof trainingListReply>['trainings'][number];
export type TrainingDetail = z.infer<typeof trainingDetailReply>;
export type CatalogOptions = z.infer<typeof catalogOptionsReply>;
export type EnrolmentOptions = z.infer<typeof enrolmentOptionsReply>;
export type EnrolmentRow = z.infer<typeof enrolmentListReply>['enrolments'][number];
export type LearnerHit = z.infer<typeof learnerSearchReply>['learners'][number];
export type ImportLine = z.infer<typeof importLine>;
export type ImportPreview = z.infer<typeof importPreviewReply>;
export type ImportResult = z.infer<typeof importReply>;
export type AuditEntry = z.infer<typeof auditEntry>;
export type AuditEntryDetail = z.infer<typeof auditEntryReply>;
export type AuditVerdict = z.infer<typeof auditVerifyReply>;
export type WalkInHint = z.infer<typeof walkInHintReply>;
