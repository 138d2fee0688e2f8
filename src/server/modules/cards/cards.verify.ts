import { localized } from '../../../shared/api/common.js';
import type { CardVerification } from '../../../shared/cards.js';
import { visibleText } from '../../../shared/visible-text.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import { can, type Actor } from '../../policies.js';
import * as audit from '../audit/audit.service.js';
import { savedPhotoOf } from '../photos/saved-photos.js';
import { DEFAULT_TIME_ZONE, isOperatorOf, localDate } from '../service-points/service-points.service.js';
import { statementOf } from './card-face.js';
import { parseCardNumber } from './card-number.js';
import * as repo from './cards.repo.js';
import { statusOf } from './cards.service.js';
import { cardKeys } from './signing-key.js';
import { extractStatement, verifyStatement, type CardStatement } from './statement.js';

/** What a scanned statement says about the card it was checked against. */
export type StatementCheck = 'authentic' | 'not_authentic' | 'mismatch';

function sameStatement(a: CardStatement, b: CardStatement): boolean {
  return (Object.keys(a) as (keyof CardStatement)[]).every((k) => a[k] === b[k]);
}

/**
 * Who may see the holder's ID photo beside the statement: an administrator, or an operator of the service point
 * that issued the card (the one who checked the person). Another point's operator is the public here.
 */
async function mayViewHolderPhoto(ctx: AppContext, actor: Actor, servicePointId: string): Promise<boolean> {
  if (can(actor, 'admin.manage')) return true;
  return can(actor, 'desk.use') && (await isOperatorOf(ctx, actor.userId, servicePointId));
}

/**
 * The public check of a card: the minimum (name, training, status, dates), counted. With `statement` (the QR
 * code's fragment, sent in a POST body so it is in no address the server logs), also whether it is authentic
 * and matches this card. The photo only for staff of the card's service point or an administrator, and that
 * view is audited. Names and titles are shown without bidirectional or invisible characters.
 */
export async function verifyCard(
  ctx: AppContext,
  input: string,
  opts: { statement?: string; actor: Actor | null; ip: string | null },
): Promise<CardVerification> {
  const cardNumber = parseCardNumber(input);
  if (!cardNumber) throw new DomainError('card_number_invalid', { field: 'cardNumber' });
  const card = await repo.cardByNumber(ctx.db, cardNumber);
  // A card waiting for its photo was never printed: for the public it does not exist yet.
  if (!card || card.state !== 'issued') throw new DomainError('card_unknown');
  await repo.countVerification(ctx.db, card.id);

  let statement: StatementCheck | null = null;
  if (opts.statement) {
    const verdict = verifyStatement(extractStatement(opts.statement), cardKeys(ctx.config).publicKey);
    statement = !verdict.ok
      ? 'not_authentic'
      : sameStatement(verdict.statement, statementOf(card))
        ? 'authentic'
        : 'mismatch';
  }

  let photo: string | null = null;
  if (opts.actor && (await mayViewHolderPhoto(ctx, opts.actor, card.service_point_id))) {
    const saved = await savedPhotoOf(ctx, card.user_id);
    if (saved) {
      await audit.recordAlone(ctx, {
        action: 'photo.viewed',
        actorId: opts.actor.userId,
        subjectUserId: card.user_id,
        ip: opts.ip,
        payload: { photoId: saved.id, variant: 'card-verification' },
      });
      photo = `data:image/jpeg;base64,${saved.jpeg.toString('base64')}`;
    }
  }

  const status = statusOf(ctx, card);
  return {
    cardNumber,
    holderName: visibleText(card.holder_name),
    trainingCode: visibleText(card.training_code),
    trainingTitle: localized(
      visibleText(card.training_title),
      card.training_title_en === null ? null : visibleText(card.training_title_en),
    ),
    status: status === 'awaiting_photo' ? 'valid' : status,
    successDate: card.success_date,
    expiresOn: card.expires_on,
    revokedOn: card.revoked_at ? localDate(new Date(card.revoked_at), card.time_zone || DEFAULT_TIME_ZONE) : null,
    statement,
    photo,
  };
}
