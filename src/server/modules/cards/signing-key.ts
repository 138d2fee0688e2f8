import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';

/**
 * The Ed25519 key pair that signs card statements. Generated on first start into DATA_DIR/card-signing.key
 * (PKCS#8 PEM, mode 0600) beside the other generated secrets, or given as CARD_SIGNING_KEY (or
 * CARD_SIGNING_KEY_FILE) so several instances sign with the same key. It is independent of VIGIE_SECRET:
 * rotating that secret must not invalidate the cards already printed.
 */
export interface CardKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** RFC 7638 thumbprint of the public JWK. */
  kid: string;
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };
  pem: string;
}

export const CARD_KEY_FILE = 'card-signing.key';

const cache = new Map<string, CardKeys>();

function readOrCreate(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    return pem;
  } catch (err) {
    // Another instance sharing DATA_DIR wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8');
    throw err;
  }
}

export function keysFromPrivatePem(pem: string): CardKeys {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the card signing key must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  const x = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
  const kid = createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
  return {
    privateKey,
    publicKey,
    kid,
    jwk: { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' },
    pem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** The card keys of this installation (read once, then kept in memory). */
export function cardKeys(config: Pick<Config, 'dataDir' | 'cardSigningKey'>): CardKeys {
  const id = config.cardSigningKey ? `env:${config.cardSigningKey}` : path.join(config.dataDir, CARD_KEY_FILE);
  let keys = cache.get(id);
  if (!keys) {
    keys = keysFromPrivatePem(config.cardSigningKey ?? readOrCreate(id));
    cache.set(id, keys);
  }
  return keys;
}

/**
 * A public key as an inspector may hold it: the `.pem` or the JWK (JSON) published by the server, or the
 * private key file itself on the server.
 */
export function publicKeyFromText(text: string): KeyObject {
  const t = text.trim();
  if (t.startsWith('{')) {
    const jwk = JSON.parse(t) as { kty?: string; crv?: string; x?: string; keys?: unknown[] };
    const key = (jwk.keys?.[0] ?? jwk) as { kty?: string; crv?: string; x?: string };
    if (key.kty !== 'OKP' || key.crv !== 'Ed25519' || !key.x) throw new Error('not an Ed25519 JWK');
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' });
  }
  const key = t.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(t)) : createPublicKey(t);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return key;
}
