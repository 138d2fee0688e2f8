import { z } from 'zod';

export const learnerParams = z.object({ learnerId: z.string().min(1).max(64) });

export const confirmIdentityBody = z.object({
  documentType: z.enum(['licence', 'health']),
  number: z.string().max(40),
  /** As printed on the card, YYYY-MM-DD (the rules say what is wrong with it). */
  dateOfBirth: z.string().max(20),
  /** Required when the date of birth disagrees with the health number. */
  overrideReason: z.string().trim().max(500).optional(),
  /** The operator saw the warnings and confirms anyway. */
  acknowledgeWarnings: z.boolean().default(false),
});

export type ConfirmIdentityInput = z.infer<typeof confirmIdentityBody>;
