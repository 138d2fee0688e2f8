import { z } from 'zod';

export const cardNumberParams = z.object({ cardNumber: z.string().min(1).max(40) });

/**
 * `s`: the statement read from the QR code, checked when given. Only pages loaded before the POST existed still
 * send it here; the address (and so the statement) is left out of the request log all the same.
 */
export const verifyQuery = z.object({ s: z.string().max(2000).optional() });

/**
 * The statement read from the QR code (the page's fragment, never sent in an address: addresses are logged),
 * or the whole scanned address.
 */
export const verifyBody = z.object({ statement: z.string().max(2000).optional() });

export const adminFilters = ['to_print', 'awaiting_photo', 'printed', 'revoked', 'all'] as const;
export const adminListQuery = z.object({
  filter: z.enum(adminFilters).default('to_print'),
  q: z.string().trim().max(100).optional(),
});

/** Card numbers separated by commas, as the print sheet's address carries them. */
export const sheetQuery = z.object({ cards: z.string().min(1).max(2000) });

export const cardNumbersBody = z.object({ cardNumbers: z.array(z.string().min(1).max(40)).min(1).max(500) });

export const revokeBody = z.object({ reason: z.string().trim().min(5).max(500) });
