import { z } from 'zod';
import { dayInput as day } from '../../../shared/day-input.js';
import { identifier, text } from '../../../shared/text-input.js';

export const attemptParams = z.object({ attemptId: identifier() });
export const liveQuery = z.object({
  /** The service point the page expects: anything but the operator's current one answers 404. */
  servicePointId: identifier().optional(),
  /** For a first connection that resumes (EventSource sends Last-Event-ID itself when it reconnects). */
  lastEventId: text({ max: 64 }).optional(),
});
export const summaryQuery = z.object({ date: day.optional() });
export const summaryCsvQuery = z.object({ date: day.optional(), from: day.optional(), to: day.optional() });
