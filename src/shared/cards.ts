/** What the card routes answer, shared by the server (which builds it) and the web app (which shows it). */

export type CardStatus = 'awaiting_photo' | 'valid' | 'expired' | 'revoked';

/** One of the learner's own cards (« Mes attestations »). */
export interface LearnerCard {
  cardNumber: string;
  status: CardStatus;
  trainingCode: string;
  trainingTitle: string;
  trainingTitleEn: string | null;
  successDate: string;
  expiresOn: string | null;
  servicePointName: string;
  reprintCount: number;
  revokedAt: string | null;
  revokedReason: string | null;
  /** Issued, not revoked, with a photo on file now. */
  downloadable: boolean;
  /** Waiting for a photo: never issued yet, or the photo was removed since. */
  needsPhoto: boolean;
}

/** The public verification: the minimum, plus the photo for signed-in operators and administrators. */
export interface CardVerification {
  cardNumber: string;
  holderName: string;
  trainingCode: string;
  trainingTitle: string;
  trainingTitleEn: string | null;
  status: Exclude<CardStatus, 'awaiting_photo'>;
  successDate: string;
  expiresOn: string | null;
  revokedOn: string | null;
  /** The scanned QR statement given with the request: is it authentic and about this card? */
  statement: 'authentic' | 'not_authentic' | 'mismatch' | null;
  /** data: URL of the photo, only for a signed-in operator or administrator. */
  photo: string | null;
}

export type AdminCardFilter = 'to_print' | 'awaiting_photo' | 'printed' | 'revoked' | 'all';

export interface AdminCard {
  cardNumber: string;
  status: CardStatus;
  holderName: string;
  userCode: string;
  trainingCode: string;
  trainingTitle: string;
  servicePointName: string;
  successDate: string;
  expiresOn: string | null;
  issuedAt: string;
  printedAt: string | null;
  reprintCount: number;
  revokedAt: string | null;
  revokedReason: string | null;
  downloadCount: number;
  verifyCount: number;
  printable: boolean;
  needsPhoto: boolean;
}
