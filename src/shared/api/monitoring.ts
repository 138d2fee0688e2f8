/**
 * Replies of the monitoring routes: the live list's events (GET /api/desk/live, server-sent events), « Terminer
 * l'examen » and its figures, the day's summary, the keep-alive. Every message carries the server's clock: the
 * page counts down and says « il y a 12 s » against it, never trusting the operator's own clock.
 */
import { z } from 'zod';
import { STATES } from '../attempt-states.js';
import { attemptResult, attemptStateNames } from './attempts.js';
import { localizedText } from './common.js';
import { irregularityView } from './desk.js';

/** One exam authorized or in progress at the service point: one row at the top of « Liste des apprenants ». */
export const liveRow = z.object({
  attemptId: z.string(),
  state: z.enum(STATES.open),
  learnerId: z.string(),
  learnerName: z.string(),
  examTitle: localizedText,
  workstation: z.string(),
  authorizedAt: z.string(),
  startedAt: z.string().nullable(),
  /** Fixed at « Commencer », moved by « Reprendre » and « Ajouter du temps »: the countdown runs to it. */
  deadlineAt: z.string().nullable(),
  /** « Mettre en pause »: when the running pause began (the countdown stands still); null while it runs. */
  pausedAt: z.string().nullable(),
  /** Questions with a saved answer, out of the questions of the learner's paper (null before « Commencer »). */
  answered: z.number().int(),
  questionCount: z.number().int().nullable(),
  /** The attempt's highest saved sequence number: rises with every answer saved. */
  lastSeq: z.number().int(),
  lastAnswerAt: z.string().nullable(),
  /** The last time the workstation was heard from (heartbeat, answer or « Commencer »). */
  lastSeenAt: z.string().nullable(),
  /** « Mesures d'adaptation »: the extra time given at « Commencer » (in the deadline), and a separate room. */
  extraMinutes: z.number().int(),
  separateRoom: z.boolean(),
});
export type LiveRow = z.infer<typeof liveRow>;

/** `event: snapshot` — every open exam, on (re)connection when the missed events cannot be replayed. */
export const liveSnapshot = z.object({ serverNow: z.string(), rows: z.array(liveRow) });
export type LiveSnapshot = z.infer<typeof liveSnapshot>;

/** `event: row` — an exam appeared or changed. */
export const liveRowChanged = z.object({ serverNow: z.string(), row: liveRow });
export type LiveRowChanged = z.infer<typeof liveRowChanged>;

/** `event: removed` — an exam ended (submitted, ended by the operator, expired) or its access was cancelled. */
export const liveRowRemoved = z.object({
  serverNow: z.string(),
  attemptId: z.string(),
  learnerId: z.string(),
  state: z.enum(attemptStateNames),
});
export type LiveRowRemoved = z.infer<typeof liveRowRemoved>;

/** GET /api/desk/attempts/:attemptId/figures: the result the exam would have if it ended now. */
export const terminationFigures = z.object({
  attemptId: z.string(),
  learnerName: z.string(),
  examTitle: localizedText,
  answered: z.number().int(),
  questionCount: z.number().int(),
  points: z.number(),
  maxPoints: z.number(),
  percentage: z.number(),
  passingMark: z.number(),
  outcome: z.enum(['passed', 'failed']),
  deadlineAt: z.string().nullable(),
});
export type TerminationFigures = z.infer<typeof terminationFigures>;

/** POST /api/desk/attempts/:attemptId/terminate. */
export const terminationReply = z.object({ result: attemptResult });
export type TerminationReply = z.infer<typeof terminationReply>;

export const summaryCounts = z.object({
  authorized: z.number().int(),
  started: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  /** « Terminer l'examen »: ended by the operator (also counted in passed or failed). */
  terminated: z.number().int(),
  /** Access cancelled by the operator, or lapsed at the end of the day. */
  cancelled: z.number().int(),
});
export type SummaryCounts = z.infer<typeof summaryCounts>;

/** GET /api/desk/summary: the service point's day, the exams authorized for it and what became of them. */
export const dailySummary = z.object({
  date: z.string(),
  servicePoint: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  counts: summaryCounts,
  attempts: z.array(
    z.object({
      id: z.string(),
      learnerId: z.string(),
      learnerName: z.string(),
      examTitle: localizedText,
      workstation: z.string(),
      state: z.enum(attemptStateNames),
      authorizedAt: z.string(),
      startedAt: z.string().nullable(),
      endedAt: z.string().nullable(),
      scorePoints: z.number().nullable(),
      maxPoints: z.number().nullable(),
      percentage: z.number().nullable(),
      outcome: z.enum(['passed', 'failed']).nullable(),
    }),
  ),
  /** « Signaler une irrégularité »: those that happened that day, in order (they never change a score). */
  irregularities: z.array(irregularityView),
});
export type DailySummary = z.infer<typeof dailySummary>;

/** POST /api/desk/keep-alive: when the operator's session ends if nothing more happens (idle timeout). */
export const keepAliveReply = z.object({ serverNow: z.string(), endsAt: z.string(), idleMinutes: z.number() });
export type KeepAliveReply = z.infer<typeof keepAliveReply>;
