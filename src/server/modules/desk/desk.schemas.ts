import { z } from 'zod';

export const listQuery = z.object({
  q: z.string().max(120).default(''),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export const learnerParams = z.object({ learnerId: z.string().min(1).max(64) });
export const attemptParams = z.object({ attemptId: z.string().min(1).max(64) });
export const workstationParams = z.object({ workstationId: z.string().min(1).max(64) });
export const authorizeBody = z.object({ examId: z.string().min(1).max(64), workstationId: z.string().min(1).max(64) });
export const chooseServicePointBody = z.object({ servicePointId: z.string().min(1).max(64) });
