import { z } from 'zod';
import { dayInput } from '../../../shared/day-input.js';
import { identifier, text } from '../../../shared/text-input.js';
import { accommodationKinds, irregularityCategories } from '../../../shared/desk-care.js';

// The replies: one home, src/shared/api/desk.ts.
export { accommodationReply, irregularityReply } from '../../../shared/api/desk.js';

/** « Ajouter une mesure »: `minutes` for « Nombre de minutes » only (the service says so, naming the field). */
export const accommodationBody = z.object({
  kind: z.enum(accommodationKinds),
  minutes: z.number().int().min(1).max(600).optional(),
  reason: text({ min: 3, max: 500, multiline: true }),
  grantedBy: text({ min: 2, max: 200 }),
  validUntil: dayInput,
});

export const accommodationParams = z.object({ learnerId: identifier(), accommodationId: identifier() });

/** An instant, as the browser sends it (`Date.toISOString()`). */
const instant = text({ max: 30 }).refine(
  (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/.test(s) && !Number.isNaN(Date.parse(s)),
  {
    message: 'YYYY-MM-DDTHH:MM:SS.sssZ',
  },
);

/** « Signaler une irrégularité »: on the learner, or one of their attempts (`attemptId`); `occurredAt`: now. */
export const irregularityBody = z.object({
  category: z.enum(irregularityCategories),
  description: text({ min: 3, max: 2000, multiline: true }),
  attemptId: identifier().optional(),
  occurredAt: instant.optional(),
});
