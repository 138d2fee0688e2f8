import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCardNumber } from './card-number.js';
import { extractStatement, signStatement, verificationUrl, verifyStatement, type CardStatement } from './statement.js';
import { keysFromPrivatePem, publicKeyFromText } from './signing-key.js';

const keys = generateKeyPairSync('ed25519');
const statement: CardStatement = {
  cardNumber: generateCardNumber(2026),
  name: 'Geneviève D’Amour-Lavigne',
  trainingCode: 'SIG-101',
  trainingTitle: 'Signalisation des travaux routiers',
  successDate: '2026-03-10',
  expiresOn: '2029-03-10',
};

describe('the signed statement', () => {
  it('verifies with the public key and gives back exactly what was signed', () => {
    const text = signStatement(statement, keys.privateKey);
    expect(text).toMatch(/^VG1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    expect(verifyStatement(text, keys.publicKey)).toEqual({ ok: true, statement });
    expect(verifyStatement(signStatement({ ...statement, expiresOn: null }, keys.privateKey), keys.publicKey)).toEqual({
      ok: true,
      statement: { ...statement, expiresOn: null },
    });
  });

  it('is compact enough for a QR code on a card', () => {
    const text = signStatement(statement, keys.privateKey);
    expect(text.length).toBeLessThan(260);
  });

  it('is refused as not authentic when any one byte is flipped, wherever it is', () => {
    const text = signStatement(statement, keys.privateKey);
    const bytes = Buffer.from(text, 'ascii');
    let refused = 0;
    for (let i = 0; i < bytes.length; i++) {
      const altered = Buffer.from(bytes);
      altered[i] = altered[i]! ^ 0x01;
      const verdict = verifyStatement(altered.toString('latin1'), keys.publicKey);
      expect(verdict.ok, `byte ${i} flipped`).toBe(false);
      refused++;
    }
    expect(refused).toBe(bytes.length);
  });

  it('is refused when one bit of the signed payload changes (a forged name), and says so', () => {
    const text = signStatement(statement, keys.privateKey);
    const [v, payload, sig] = text.split('.') as [string, string, string];
    const raw = Buffer.from(payload, 'base64url');
    raw[20] = raw[20]! ^ 0x01;
    const forged = `${v}.${raw.toString('base64url')}.${sig}`;
    expect(verifyStatement(forged, keys.publicKey)).toEqual({ ok: false, reason: 'not_authentic' });
  });

  it('is refused with another key, and when it is not a statement at all', () => {
    const other = generateKeyPairSync('ed25519');
    const text = signStatement(statement, other.privateKey);
    expect(verifyStatement(text, keys.publicKey)).toEqual({ ok: false, reason: 'not_authentic' });
    expect(verifyStatement('hello', keys.publicKey)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyStatement('VG9.abc.def', keys.publicKey)).toEqual({ ok: false, reason: 'unsupported_version' });
  });

  it('is found inside the QR code’s address, and the public key reads from PEM or JWK', () => {
    const text = signStatement(statement, keys.privateKey);
    const url = verificationUrl('https://vigie.example/', statement.cardNumber, text);
    expect(url).toBe(`https://vigie.example/verifier/${statement.cardNumber}#${text}`);
    expect(extractStatement(url)).toBe(text);
    expect(extractStatement(`  ${text}\n`)).toBe(text);
    const pem = keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const k = keysFromPrivatePem(pem);
    for (const published of [k.pem, JSON.stringify(k.jwk), JSON.stringify({ keys: [k.jwk] }), pem])
      expect(verifyStatement(text, publicKeyFromText(published)).ok).toBe(true);
    expect(k.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
