import sharp from 'sharp';
import type { AppContext } from '../../context.js';
import { formatUserCode } from '../accounts/user-code.js';
import type { CardFace } from './card-pdf.js';
import type { CardRow } from './cards.repo.js';
import { cardKeys } from './signing-key.js';
import { signStatement, verificationUrl, type CardStatement } from './statement.js';

/** What a card certifies, as signed in its QR code. */
export function statementOf(card: CardRow): CardStatement {
  return {
    cardNumber: card.card_number,
    name: card.holder_name,
    trainingCode: card.training_code,
    trainingTitle: card.training_title,
    successDate: card.success_date,
    expiresOn: card.expires_on,
  };
}

/** The photo as the PDF embeds it: JPEG as saved (no recompression), anything else converted once. */
async function asJpeg(image: Buffer): Promise<Buffer> {
  if (image[0] === 0xff && image[1] === 0xd8) return image;
  return sharp(image).jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer();
}

/** Everything drawn on one card. `baseUrl` is the address people reach (PUBLIC_URL). */
export async function faceOf(ctx: AppContext, card: CardRow, photo: Buffer, baseUrl: string): Promise<CardFace> {
  const statement = signStatement(statementOf(card), cardKeys(ctx.config).privateKey);
  return {
    cardNumber: card.card_number,
    holderName: card.holder_name,
    userCode: formatUserCode(card.user_code),
    trainingCode: card.training_code,
    trainingTitle: card.training_title,
    trainingTitleEn: card.training_title_en,
    successDate: card.success_date,
    expiresOn: card.expires_on,
    servicePointName: card.service_point_name ?? '',
    reprintCount: card.reprint_count,
    photoJpeg: await asJpeg(photo),
    qrText: verificationUrl(baseUrl, card.card_number, statement),
    verifyUrl: verificationUrl(baseUrl, card.card_number),
  };
}
