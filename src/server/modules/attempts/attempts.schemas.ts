import { z } from 'zod';
import { identifier } from '../../../shared/text-input.js';

// The replies: one home, src/shared/api/ (the web imports their types from there).
export { answerAck, attemptDelivery, heartbeatReply, submitReply } from '../../../shared/api/attempts.js';

export const attemptParams = z.object({ attemptId: identifier() });

export const answerParams = attemptParams.extend({ itemId: identifier() });

export const answerBody = z.object({
  choiceIds: z.array(identifier()).max(50),
  flagged: z.boolean().default(false),
  // Stored as a 32-bit integer on both databases.
  seq: z.number().int().min(1).max(2_147_483_647),
});
