import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import type { Database } from '../../db/schema.js';
import { DomainError, notFound } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import { savedPhotoIdIn, savedPhotoOf } from '../photos/saved-photos.js';
import { DEFAULT_TIME_ZONE, localDate } from '../service-points/service-points.service.js';
import { localized } from '../../../shared/api/common.js';
import type { CardStatus, LearnerCard } from '../../../shared/cards.js';
import { addMonths, cardStatus } from './card-dates.js';
import { isEnded } from '../../../shared/attempt-states.js';
import { faceOf } from './card-face.js';
import { generateCardNumber } from './card-number.js';
import { renderCardPdf } from './card-pdf.js';
import * as repo from './cards.repo.js';

/** The name printed on the card: as the learner's profile holds it the day they passed, without control characters. */
function holderName(u: { first_name: string | null; last_name: string | null; username: string }): string {
  const name = [u.first_name, u.last_name]
    .filter(Boolean)
    .join(' ')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return name || u.username;
}

async function freeCardNumber(trx: Transaction<Database>, year: number): Promise<string> {
  // 2.8·10^10 numbers a year: a collision is rare; the unique index stays the final guard.
  for (let i = 0; i < 10; i++) {
    const n = generateCardNumber(year);
    if (!(await repo.cardNumberTaken(trx, n))) return n;
  }
  throw new Error('could not draw a free card number');
}

export interface IssuedCard {
  cardNumber: string;
  state: 'issued' | 'awaiting_photo';
}

/**
 * Run inside the transaction that ends an attempt (the attempts module's attemptEnded hook, wired in
 * src/server/wiring.ts). A passed attempt gets its card: issued at once when the learner has a saved photo,
 * otherwise waiting for it (`issuePendingCardsFor` runs on the photos module's photoSaved hook). A failed or unfinished attempt issues nothing. Calling it twice
 * for the same attempt returns the same card.
 */
export async function issueCardIfPassed(
  ctx: AppContext,
  trx: Transaction<Database>,
  attemptId: string,
): Promise<IssuedCard | null> {
  const a = await repo.attemptForCard(trx, attemptId);
  if (!a || a.outcome !== 'passed' || !a.ended_at || !isEnded(a.state)) return null;
  const existing = await repo.cardOfAttempt(trx, attemptId);
  if (existing) return { cardNumber: existing.card_number, state: existing.state };
  const successDate = localDate(new Date(a.ended_at), a.time_zone || DEFAULT_TIME_ZONE);
  const cardNumber = await freeCardNumber(trx, Number(successDate.slice(0, 4)));
  const photoId = await savedPhotoIdIn(trx, a.user_id);
  const state = photoId ? 'issued' : 'awaiting_photo';
  await repo.insertCard(trx, {
    id: newId(),
    card_number: cardNumber,
    attempt_id: a.id,
    user_id: a.user_id,
    training_id: a.training_id,
    service_point_id: a.service_point_id,
    photo_id: photoId,
    state,
    issued_at: ctx.now().toISOString(),
    success_date: successDate,
    expires_on: a.validity_months ? addMonths(successDate, a.validity_months) : null,
    reprint_count: 0,
    printed_at: null,
    revoked_at: null,
    revoked_by: null,
    revoked_reason: null,
    download_count: 0,
    verify_count: 0,
    holder_name: holderName(a),
    training_code: a.training_code,
    training_title: a.training_title,
    training_title_en: a.training_title_en,
  });
  await audit.record(ctx, trx, {
    action: state === 'issued' ? 'card.issued' : 'card.awaiting_photo',
    actorId: null,
    subjectUserId: a.user_id,
    servicePointId: a.service_point_id,
    payload: { cardNumber, attemptId: a.id },
  });
  return { cardNumber, state };
}

/**
 * Run inside the transaction of the photos module's final save (its photoSaved hook, wired in wiring.ts): every card of the learner that waits
 * for a photo is issued with it. Returns the numbers of the cards issued.
 */
export async function issuePendingCardsFor(
  ctx: AppContext,
  trx: Transaction<Database>,
  learnerId: string,
): Promise<string[]> {
  const photoId = await savedPhotoIdIn(trx, learnerId);
  if (!photoId) return [];
  const issued: string[] = [];
  for (const card of await repo.awaitingCardsOf(trx, learnerId)) {
    if (!(await repo.markIssued(trx, card.id, photoId, ctx.now().toISOString()))) continue;
    await audit.record(ctx, trx, {
      action: 'card.issued',
      actorId: null,
      subjectUserId: learnerId,
      servicePointId: card.service_point_id,
      payload: { cardNumber: card.card_number, attemptId: card.attempt_id },
    });
    issued.push(card.card_number);
  }
  return issued;
}

export function todayAt(ctx: AppContext, timeZone: string | null): string {
  return localDate(ctx.now(), timeZone || DEFAULT_TIME_ZONE);
}

export function statusOf(ctx: AppContext, card: repo.CardRow): CardStatus {
  return cardStatus(card, todayAt(ctx, card.time_zone));
}

export interface LearnerCardStatus {
  /** True when a card is waiting for a photo: the operator's file says « La carte attend la photo ». */
  awaitingPhoto: boolean;
  cards: { cardNumber: string; trainingTitle: { fr: string; en?: string }; status: CardStatus; needsPhoto: boolean }[];
}

/**
 * For the operator's file: the learner's cards, and whether one waits for a photo — not issued yet, or issued
 * but the photo was removed since, so it cannot be printed until a new one is saved.
 */
export async function cardStatusFor(ctx: AppContext, learnerId: string): Promise<LearnerCardStatus> {
  const rows = await repo.cardsOfUser(ctx.db, learnerId);
  const hasPhoto = (await repo.learnersWithSavedPhoto(ctx.db, [learnerId])).has(learnerId);
  const cards = rows.map((c) => {
    const status = statusOf(ctx, c);
    const needsPhoto = status === 'awaiting_photo' || (status !== 'revoked' && !hasPhoto);
    return {
      cardNumber: c.card_number,
      trainingTitle: localized(c.training_title, c.training_title_en),
      status,
      needsPhoto,
    };
  });
  return { awaitingPhoto: cards.some((c) => c.needsPhoto), cards };
}

/** The learner's own cards, for « Mes formations » (nothing sensitive: no date of birth, no identity number). */
export async function myCards(ctx: AppContext, userId: string): Promise<LearnerCard[]> {
  const rows = await repo.cardsOfUser(ctx.db, userId);
  const hasPhoto = (await repo.learnersWithSavedPhoto(ctx.db, [userId])).has(userId);
  return rows.map((c) => {
    const status = statusOf(ctx, c);
    return {
      cardNumber: c.card_number,
      status,
      trainingCode: c.training_code,
      trainingTitle: localized(c.training_title, c.training_title_en),
      successDate: c.success_date,
      expiresOn: c.expires_on,
      servicePointName: c.service_point_name ?? '',
      reprintCount: c.reprint_count,
      revokedAt: c.revoked_at,
      revokedReason: c.revoked_reason,
      downloadable: (status === 'valid' || status === 'expired') && hasPhoto,
      needsPhoto: status === 'awaiting_photo' || (status !== 'revoked' && !hasPhoto),
    };
  });
}

/** A card the caller may print or download: issued, not revoked, with a photo saved now. */
export async function printableFace(ctx: AppContext, card: repo.CardRow, baseUrl: string) {
  if (card.revoked_at) throw new DomainError('card_revoked');
  if (card.state !== 'issued') throw new DomainError('card_awaiting_photo');
  const photo = await savedPhotoOf(ctx, card.user_id);
  if (!photo) throw new DomainError('card_awaiting_photo');
  return { face: await faceOf(ctx, card, photo.jpeg, baseUrl), photoId: photo.id };
}

/** The learner downloads their own card: counted and audited. Another learner's card is "not found". */
export async function myCardPdf(
  ctx: AppContext,
  userId: string,
  cardNumber: string,
  opts: { baseUrl: string; ip: string | null },
): Promise<Uint8Array> {
  const card = await repo.cardByNumber(ctx.db, cardNumber);
  if (!card || card.user_id !== userId) throw notFound();
  const { face } = await printableFace(ctx, card, opts.baseUrl);
  const pdf = await renderCardPdf(face);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.countDownload(trx, card.id);
    await audit.record(ctx, trx, {
      action: 'card.downloaded',
      actorId: userId,
      subjectUserId: userId,
      servicePointId: card.service_point_id,
      ip: opts.ip,
      payload: { cardNumber },
    });
  });
  return pdf;
}
