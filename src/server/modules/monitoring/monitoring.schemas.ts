import { z } from 'zod';
import { dayInput as day } from '../../../shared/day-input.js';
import { identifier, text } from '../../../shared/text-input.js';

// The replies: one home, src/shared/api/ (the web imports their types from there).
export {
  dailySummary as dailySummaryReply,
  keepAliveReply,
  terminationFigures as terminationFiguresReply,
  terminationReply,
} from '../../../shared/api/monitoring.js';
export { binaryReply } from '../../../shared/api/common.js';

export const attemptParams = z.object({ attemptId: identifier() });
export const liveQuery = z.object({
  /** The service point the page expects: anything but the operator's current one answers 404. */
  servicePointId: identifier().optional(),
  /** For a first connection that resumes (EventSource sends Last-Event-ID itself when it reconnects). */
  lastEventId: text({ max: 64 }).optional(),
});
export const summaryParams = z.object({ servicePointId: identifier() });
export const summaryQuery = z.object({ date: day.optional() });
export const summaryCsvQuery = z.object({ date: day.optional(), from: day.optional(), to: day.optional() });

/** Why the operator paused or added time: kept in the audit log. */
const reason = text({ min: 3, max: 300, multiline: true });
export const pauseBody = z.object({ reason });
export const addTimeBody = z.object({ minutes: z.number().int().min(1).max(120), reason });

/** An attempt's clock after « Mettre en pause », « Reprendre » or « Ajouter du temps ». */
export const clockReply = z.object({
  attemptId: z.string(),
  deadlineAt: z.string().nullable(),
  pausedAt: z.string().nullable(),
  serverNow: z.string(),
});
/** The room's « Mettre en pause » / « Reprendre »: how many attempts this request changed. */
export const roomClockReply = z.object({ changed: z.number().int(), serverNow: z.string() });
export const moveBody = z.object({ workstationId: identifier(), reason });
