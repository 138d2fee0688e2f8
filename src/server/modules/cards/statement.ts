import { sign, verify, type KeyObject } from 'node:crypto';
import { parseCardNumber } from './card-number.js';

/**
 * The signed statement a card's QR code carries, checkable offline with the published public key:
 *
 *   VG1.<payload>.<signature>
 *
 * payload   base64url of the UTF-8 JSON array [cardNumber, name, trainingCode, trainingTitle, successDate, expiresOn]
 *           (dates YYYY-MM-DD, expiresOn null when the training sets no validity period);
 * signature base64url of the Ed25519 signature of the ASCII text `VG1.<payload>` (version included, so it
 *           cannot be swapped).
 *
 * The QR code holds the verification address with the statement as its fragment
 * (`https://…/verifier/VG-2026-ABCD-EFGH#VG1.….…`): a phone opens the live page (which knows about
 * revocation), and the offline check reads the fragment. Fragments never reach a server log.
 */
export const STATEMENT_VERSION = 'VG1';

export interface CardStatement {
  cardNumber: string;
  name: string;
  trainingCode: string;
  trainingTitle: string;
  successDate: string;
  expiresOn: string | null;
}

export type StatementVerdict =
  { ok: true; statement: CardStatement } | { ok: false; reason: 'malformed' | 'unsupported_version' | 'not_authentic' };

const B64URL = /^[A-Za-z0-9_-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function signStatement(s: CardStatement, privateKey: KeyObject): string {
  const fields = [s.cardNumber, s.name, s.trainingCode, s.trainingTitle, s.successDate, s.expiresOn];
  const signed = `${STATEMENT_VERSION}.${Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url')}`;
  return `${signed}.${sign(null, Buffer.from(signed, 'ascii'), privateKey).toString('base64url')}`;
}

function decodeFields(payload: string): CardStatement | null {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(fields) || fields.length !== 6) return null;
  const [cardNumber, name, trainingCode, trainingTitle, successDate, expiresOn] = fields as unknown[];
  if (typeof cardNumber !== 'string' || parseCardNumber(cardNumber) !== cardNumber) return null;
  if (typeof name !== 'string' || typeof trainingCode !== 'string' || typeof trainingTitle !== 'string') return null;
  if (typeof successDate !== 'string' || !DATE.test(successDate)) return null;
  if (expiresOn !== null && (typeof expiresOn !== 'string' || !DATE.test(expiresOn))) return null;
  return { cardNumber, name, trainingCode, trainingTitle, successDate, expiresOn };
}

/**
 * Checks a statement against the public key. Anything altered — one byte of the payload or of the signature,
 * another key — is 'not_authentic'; text that is not a statement at all is 'malformed'.
 */
export function verifyStatement(text: string, publicKey: KeyObject): StatementVerdict {
  const parts = text.trim().split('.');
  if (parts.length !== 3 || !parts.every((p) => p.length > 0 && B64URL.test(p)))
    return { ok: false, reason: 'malformed' };
  const [version, payload, signature] = parts as [string, string, string];
  if (version !== STATEMENT_VERSION)
    return { ok: false, reason: /^VG\d+$/.test(version) ? 'unsupported_version' : 'malformed' };
  const sig = Buffer.from(signature, 'base64url');
  // Base64url has several spellings of the same bytes (unused trailing bits): accept only the canonical one.
  if (sig.length !== 64 || sig.toString('base64url') !== signature) return { ok: false, reason: 'not_authentic' };
  if (Buffer.from(payload, 'base64url').toString('base64url') !== payload)
    return { ok: false, reason: 'not_authentic' };
  if (!verify(null, Buffer.from(`${version}.${payload}`, 'ascii'), publicKey, sig))
    return { ok: false, reason: 'not_authentic' };
  const statement = decodeFields(payload);
  // A correctly signed payload is always well formed; this guards against a key that signed something else.
  if (!statement) return { ok: false, reason: 'malformed' };
  return { ok: true, statement };
}

/** The verification page of a card, with the statement in the fragment when given (what the QR code holds). */
export function verificationUrl(baseUrl: string, cardNumber: string, statement?: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/verifier/${cardNumber}${statement ? `#${statement}` : ''}`;
}

/** The statement inside what a scanner read: the whole QR address, its fragment, or the bare statement. */
export function extractStatement(scanned: string): string {
  const text = scanned.trim();
  const hash = text.indexOf('#');
  return hash >= 0 ? text.slice(hash + 1) : text;
}
