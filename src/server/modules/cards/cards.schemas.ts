import { z } from 'zod';
import { adminCardFilters } from '../../../shared/api/cards.js';
import { text } from '../../../shared/text-input.js';

// The replies: one home, src/shared/api/ (the web imports their types from there).
export {
  adminCardsReply,
  cardKeyReply,
  cardVerification as verifyReply,
  markedReply,
  myCardsReply,
  reissueReply,
} from '../../../shared/api/cards.js';
export { binaryReply, okReply } from '../../../shared/api/common.js';

export const cardNumberParams = z.object({ cardNumber: text({ min: 1, max: 40 }) });

/**
 * `s`: the statement read from the QR code, checked when given. Only pages loaded before the POST existed still
 * send it here; the address (and so the statement) is left out of the request log all the same.
 */
export const verifyQuery = z.object({ s: text({ max: 2000 }).optional() });

/**
 * The statement read from the QR code (the page's fragment, never sent in an address: addresses are logged),
 * or the whole scanned address.
 */
export const verifyBody = z.object({ statement: text({ max: 2000 }).optional() });

export const adminListQuery = z.object({
  filter: z.enum(adminCardFilters).default('to_print'),
  q: text({ max: 100 }).optional(),
});

/** Card numbers separated by commas, as the print sheet's address carries them. */
export const sheetQuery = z.object({ cards: text({ min: 1, max: 2000 }) });

export const cardNumbersBody = z.object({
  cardNumbers: z
    .array(text({ min: 1, max: 40 }))
    .min(1)
    .max(500),
});

export const revokeBody = z.object({ reason: text({ min: 5, max: 500, multiline: true }) });
