import { z } from 'zod';

export const attemptParams = z.object({ attemptId: z.string().min(1).max(64) });

export const answerParams = attemptParams.extend({ itemId: z.string().min(1).max(64) });

export const answerBody = z.object({
  choiceIds: z.array(z.string().min(1).max(64)).max(50),
  flagged: z.boolean().default(false),
  // Stored as a 32-bit integer on both databases.
  seq: z.number().int().min(1).max(2_147_483_647),
});
