import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** A random URL-safe identifier (128 bits). */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Keys derived from VIGIE_SECRET, one per purpose, so a leak of one use does not expose another.
 */
export class Secrets {
  private readonly cache = new Map<string, Buffer>();
  constructor(private readonly secret: string) {}

  key(purpose: 'hmac-identity' | 'encrypt' | 'workstation' | 'csrf' | 'cookie'): Buffer {
    let k = this.cache.get(purpose);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', this.secret, 'vigie', purpose, 32));
      this.cache.set(purpose, k);
    }
    return k;
  }

  hmac(purpose: 'hmac-identity' | 'workstation' | 'csrf' | 'cookie', data: string): string {
    return createHmac('sha256', this.key(purpose)).update(data).digest('base64url');
  }

  /** AES-256-GCM: iv (12) | tag (16) | ciphertext. */
  encrypt(plain: Uint8Array): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key('encrypt'), iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Uint8Array): Buffer {
    const buf = Buffer.from(sealed);
    const decipher = createDecipheriv('aes-256-gcm', this.key('encrypt'), buf.subarray(0, 12));
    decipher.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]);
  }

  encryptText(plain: string): string {
    return this.encrypt(Buffer.from(plain, 'utf8')).toString('base64');
  }

  decryptText(sealed: string): string {
    return this.decrypt(Buffer.from(sealed, 'base64')).toString('utf8');
  }
}
