/** Replies of the card routes, shared by the server (which builds them) and the web app (which shows them). */
import { z } from 'zod';
import { localizedText } from './common.js';

export const cardStatuses = ['awaiting_photo', 'valid', 'expired', 'revoked'] as const;
export type CardStatus = (typeof cardStatuses)[number];

export const adminCardFilters = ['to_print', 'awaiting_photo', 'printed', 'revoked', 'all'] as const;
export type AdminCardFilter = (typeof adminCardFilters)[number];

/** One of the learner's own cards (« Mes attestations »). */
export const learnerCard = z.object({
  cardNumber: z.string(),
  status: z.enum(cardStatuses),
  trainingCode: z.string(),
  trainingTitle: localizedText,
  successDate: z.string(),
  expiresOn: z.string().nullable(),
  servicePointName: z.string(),
  reprintCount: z.number().int(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  /** Issued, not revoked, with a photo on file now. */
  downloadable: z.boolean(),
  /** Waiting for a photo: never issued yet, or the photo was removed since. */
  needsPhoto: z.boolean(),
});
export type LearnerCard = z.infer<typeof learnerCard>;

/** GET /api/learning/cards. */
export const myCardsReply = z.object({ cards: z.array(learnerCard) });
export type MyCardsReply = z.infer<typeof myCardsReply>;

/** GET and POST /api/verify/:cardNumber: the minimum, plus the photo for signed-in operators and administrators. */
export const cardVerification = z.object({
  cardNumber: z.string(),
  holderName: z.string(),
  trainingCode: z.string(),
  trainingTitle: localizedText,
  status: z.enum(['valid', 'expired', 'revoked']),
  successDate: z.string(),
  expiresOn: z.string().nullable(),
  revokedOn: z.string().nullable(),
  /** The scanned QR statement given with the request: is it authentic and about this card? */
  statement: z.enum(['authentic', 'not_authentic', 'mismatch']).nullable(),
  /** data: URL of the photo, only for a signed-in operator or administrator. */
  photo: z.string().nullable(),
});
export type CardVerification = z.infer<typeof cardVerification>;

export const adminCard = z.object({
  cardNumber: z.string(),
  status: z.enum(cardStatuses),
  holderName: z.string(),
  userCode: z.string(),
  trainingCode: z.string(),
  trainingTitle: localizedText,
  servicePointName: z.string(),
  successDate: z.string(),
  expiresOn: z.string().nullable(),
  issuedAt: z.string(),
  printedAt: z.string().nullable(),
  reprintCount: z.number().int(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  downloadCount: z.number().int(),
  verifyCount: z.number().int(),
  printable: z.boolean(),
  needsPhoto: z.boolean(),
});
export type AdminCard = z.infer<typeof adminCard>;

/** GET /api/admin/cards: the print queue and the other lists (500 cards at most). */
export const adminCardsReply = z.object({ cards: z.array(adminCard) });
export type AdminCardsReply = z.infer<typeof adminCardsReply>;

/** POST /api/admin/cards/printed: the card numbers marked printed now. */
export const markedReply = z.object({ marked: z.array(z.string()) });
export type MarkedReply = z.infer<typeof markedReply>;

/** POST /api/admin/cards/:cardNumber/reissue. */
export const reissueReply = z.object({ reprintCount: z.number().int() });
export type ReissueReply = z.infer<typeof reissueReply>;

/** GET /.well-known/vigie-card-key: the Ed25519 public key that signs the cards' QR statements (JWK). */
export const cardKeyReply = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string(),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});
