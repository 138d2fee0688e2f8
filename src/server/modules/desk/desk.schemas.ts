import { z } from 'zod';
import { identifier, text } from '../../../shared/text-input.js';

// The replies: one home, src/shared/api/ (the web imports their types from there).
export {
  authorizeReply,
  deskReply,
  learnerFileReply,
  learnerListReply,
  registerWorkstationReply,
} from '../../../shared/api/desk.js';
export { okReply } from '../../../shared/api/common.js';

export const listQuery = z.object({
  q: text({ max: 120 }).default(''),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export const learnerParams = z.object({ learnerId: identifier() });
export const attemptParams = z.object({ attemptId: identifier() });
export const workstationParams = z.object({ workstationId: identifier() });
export const authorizeBody = z.object({ examId: identifier(), workstationId: identifier() });
export const chooseServicePointBody = z.object({ servicePointId: identifier() });
