import { z } from 'zod';
import { identifier, text } from '../../../shared/text-input.js';

// The replies: one home, src/shared/api/ (the web imports their types from there).
export { answerAck, attemptDelivery, heartbeatReply, submitReply } from '../../../shared/api/attempts.js';

export const attemptParams = z.object({ attemptId: identifier() });

export const answerParams = attemptParams.extend({ itemId: identifier() });

export const answerBody = z.object({
  // Choice ids, pairs « a b » or one typed text, by the item's type: answer-check.ts checks the shape.
  choiceIds: z.array(text({ max: 200 })).max(50),
  flagged: z.boolean().default(false),
  // Stored as a 32-bit integer on both databases.
  seq: z.number().int().min(1).max(2_147_483_647),
});
