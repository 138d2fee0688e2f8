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
export const summaryQuery = z.object({ date: day.optional() });
export const summaryCsvQuery = z.object({ date: day.optional(), from: day.optional(), to: day.optional() });
