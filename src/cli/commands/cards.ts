import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { cardKeyLocation } from '../../server/config.js';
import { CARD_KEY_FILE, cardKeys, publicKeyFromText } from '../../server/modules/cards/signing-key.js';
import { extractStatement, verifyStatement } from '../../server/modules/cards/statement.js';
import { UsageError, type OfflineCommand } from '../command.js';

const isImage = (b: Buffer) =>
  (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) || (b[0] === 0xff && b[1] === 0xd8);

/** The QR code in a photo or scan of a card (PNG or JPEG). */
async function decodeQr(image: Buffer): Promise<string> {
  let jsQR: typeof import('jsqr').default;
  try {
    jsQR = (await import('jsqr')).default;
  } catch {
    throw new UsageError(
      'reading a QR code from an image needs the development dependencies (npm ci); pass the scanned text instead',
    );
  }
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const found = jsQR(new Uint8ClampedArray(data), info.width, info.height);
  if (!found) throw new UsageError('no QR code found in this image');
  return found.data;
}

/** What was scanned: a text file, an image of the card or of its QR code, `-` for standard input, or the text itself. */
async function scannedText(arg: string): Promise<string> {
  if (arg === '-') return readFileSync(0, 'utf8');
  if (!existsSync(arg)) return arg;
  const content = readFileSync(arg);
  return isImage(content) ? decodeQr(content) : content.toString('utf8');
}

/** The key to check with: --key (the published .pem or JWK), else this installation's own key if it has one. */
function publicKey(keyFile: string | undefined) {
  if (keyFile) {
    if (!existsSync(keyFile)) throw new UsageError(`no key file ${keyFile}`);
    return publicKeyFromText(readFileSync(keyFile, 'utf8'));
  }
  const config = cardKeyLocation();
  if (!config.cardSigningKey && !existsSync(path.join(config.dataDir, CARD_KEY_FILE)))
    throw new UsageError(
      'no card key here: pass --key with the public key published at https://<server>/.well-known/vigie-card-key.pem',
    );
  return cardKeys(config).publicKey;
}

export const cardCommands: OfflineCommand[] = [
  {
    name: ['card', 'verify'],
    offline: true,
    summary: 'Check a card’s QR code offline: is its signed statement authentic?',
    usage:
      'card verify <scanned text | file (text, PNG or JPEG) | -> [--key vigie-card-key.pem]\n' +
      '  Exit status 0 when authentic, 2 when not. Revocation is only known online, on the verification page.',
    options: { key: { type: 'string', description: 'the public key (.pem or JWK) published by the server' } },
    async run({ positionals, values }) {
      const arg = positionals[0];
      if (!arg) throw new UsageError('give the scanned text, a file, or - for standard input');
      const key = publicKey(values.key as string | undefined);
      const scanned = await scannedText(arg);
      const verdict = verifyStatement(extractStatement(scanned), key);
      if (!verdict.ok) {
        console.error(
          verdict.reason === 'not_authentic'
            ? 'NOT AUTHENTIC: the signature does not match. This QR code was altered or forged, or signed by another key.'
            : verdict.reason === 'unsupported_version'
              ? 'NOT CHECKED: this card statement has a version this tool does not know.'
              : 'NOT AUTHENTIC: this is not a Vigie card statement.',
        );
        process.exitCode = 2;
        return;
      }
      const s = verdict.statement;
      const today = new Date().toISOString().slice(0, 10);
      const expiry = s.expiresOn ? `${s.expiresOn}${s.expiresOn <= today ? ' (EXPIRED)' : ''}` : 'none';
      console.log('AUTHENTIC: signed by the organisation’s card key.');
      console.log(`  Card number  ${s.cardNumber}`);
      console.log(`  Name         ${s.name}`);
      console.log(`  Training     ${s.trainingCode} — ${s.trainingTitle}`);
      console.log(`  Passed on    ${s.successDate}`);
      console.log(`  Expires on   ${expiry}`);
      const url = scanned.trim().split('#')[0];
      if (url && /^https?:\/\//.test(url)) console.log(`  Revocation is checked online: ${url}`);
    },
  },
];
