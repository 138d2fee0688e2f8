import { z } from 'zod';
import { isDay } from './summary.service.js';

const day = z.string().refine(isDay, { message: 'YYYY-MM-DD' });

export const attemptParams = z.object({ attemptId: z.string().min(1).max(64) });
export const liveQuery = z.object({
  /** The service point the page expects: anything but the operator's current one answers 404. */
  servicePointId: z.string().min(1).max(64).optional(),
  /** For a first connection that resumes (EventSource sends Last-Event-ID itself when it reconnects). */
  lastEventId: z.string().max(64).optional(),
});
export const summaryQuery = z.object({ date: day.optional() });
export const summaryCsvQuery = z.object({ date: day.optional(), from: day.optional(), to: day.optional() });
