import { z } from 'zod';
import { identifier, text } from '../../../shared/text-input.js';

// The replies: one home, src/shared/api/ (the web imports their types from there).
export { confirmIdentityReply, identityReply } from '../../../shared/api/desk.js';

export const learnerParams = z.object({ learnerId: identifier() });

export const confirmIdentityBody = z.object({
  documentType: z.enum(['licence', 'health']),
  number: text({ max: 40 }),
  /** As printed on the card, YYYY-MM-DD (the rules say what is wrong with it). */
  dateOfBirth: text({ max: 20 }),
  /** Required when the date of birth disagrees with the health number. */
  overrideReason: text({ max: 500, multiline: true }).optional(),
  /** The operator saw the warnings and confirms anyway. */
  acknowledgeWarnings: z.boolean().default(false),
});

export type ConfirmIdentityInput = z.infer<typeof confirmIdentityBody>;
