import type { CardVerification } from '../../../shared/cards.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../http/errors.js';
import { can, type Actor } from '../../policies.js';
import * as audit from '../audit/audit.service.js';
import { DEFAULT_TIME_ZONE, localDate } from '../service-points/service-points.service.js';
import { statementOf } from './card-face.js';
import { parseCardNumber } from './card-number.js';
import * as repo from './cards.repo.js';
import { statusOf } from './cards.service.js';
import { savedPhotoOf } from './photo-source.js';
import { cardKeys } from './signing-key.js';
import { extractStatement, verifyStatement, type CardStatement } from './statement.js';

/** What a scanned statement says about the card it was checked against. */
export type StatementCheck = 'authentic' | 'not_authentic' | 'mismatch';

function sameStatement(a: CardStatement, b: CardStatement): boolean {
  return (Object.keys(a) as (keyof CardStatement)[]).every((k) => a[k] === b[k]);
}

/**
 * The public check of a card: the minimum (name, training, status, dates), counted. With `statement` (the QR
 * code's fragment), also whether it is authentic and matches this card. The photo only for a signed-in operator
 * or administrator, and that view is audited.
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
  const staff = can(opts.actor, 'desk.use') || can(opts.actor, 'admin.manage');
  if (staff && opts.actor) {
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
    holderName: card.holder_name,
    trainingCode: card.training_code,
    trainingTitle: card.training_title,
    trainingTitleEn: card.training_title_en,
    status: status === 'awaiting_photo' ? 'valid' : status,
    successDate: card.success_date,
    expiresOn: card.expires_on,
    revokedOn: card.revoked_at ? localDate(new Date(card.revoked_at), card.time_zone || DEFAULT_TIME_ZONE) : null,
    statement,
    photo,
  };
}
