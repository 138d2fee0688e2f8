import { z } from 'zod';

export const attemptParams = z.object({ attemptId: z.string().min(1).max(64) });

export const answerParams = attemptParams.extend({ itemId: z.string().min(1).max(64) });

export const answerBody = z.object({
  choiceIds: z.array(z.string().min(1).max(64)).max(50),
  flagged: z.boolean().default(false),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
