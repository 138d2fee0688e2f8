/**
 * Replies of the learner's side of the catalog: « Mes formations » and a training's page. Replies are serialised
 * through these schemas, so nothing else (in particular no exam content, no key) can leave.
 */
import { z } from 'zod';
import { STATES } from '../attempt-states.js';
import { localizedText } from './common.js';

export const enrolmentStatuses = ['in_training', 'exam_authorized', 'exam_in_progress', 'passed', 'failed'] as const;

const servicePoint = z.object({ name: z.string(), address: z.string(), timeZone: z.string() });

export const trainingSummary = z.object({
  id: z.string(),
  code: z.string(),
  title: localizedText,
  status: z.enum(enrolmentStatuses),
  servicePoint,
  /** Where the learner sits: the workstation of the exam authorized or in progress, if there is one. */
  workstation: z.string().nullable(),
});

export const myTrainingsReply = z.object({
  trainings: z.array(trainingSummary),
  /** The extra time the desk granted the learner (« Mesures d'adaptation ») that is in force today. */
  extraTime: z.array(
    z.object({
      kind: z.enum(['extra_25', 'extra_50', 'extra_minutes']),
      minutes: z.number().int().nullable(),
      validUntil: z.string(),
    }),
  ),
});
export type MyTrainingsReply = z.infer<typeof myTrainingsReply>;

export const trainingPageReply = trainingSummary.extend({
  description: localizedText,
  exam: z
    .object({
      title: localizedText,
      durationMinutes: z.number().int(),
      questionCount: z.number().int(),
      passingMark: z.number(),
    })
    .nullable(),
  results: z.array(
    z.object({
      attemptId: z.string(),
      date: z.string().nullable(),
      state: z.enum(STATES.ended),
      percentage: z.number().nullable(),
      outcome: z.enum(['passed', 'failed']).nullable(),
    }),
  ),
  openAttempt: z.object({ id: z.string(), state: z.enum(STATES.open) }).nullable(),
});

export type TrainingSummary = z.infer<typeof trainingSummary>;
export type TrainingPage = z.infer<typeof trainingPageReply>;
