import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCardNumber } from '../../server/modules/cards/card-number.js';
import { cardKeys } from '../../server/modules/cards/signing-key.js';
import { signStatement, verificationUrl } from '../../server/modules/cards/statement.js';

/** `npm run vigie -- card verify …`, run as a shell would, on a machine with no database and no configuration. */
function vigie(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(path.resolve('node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', ...env },
    timeout: 30_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('card verify (offline)', () => {
  let dir: string;
  let keyFile: string;
  let statement: string;
  const cardNumber = generateCardNumber(2026);
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-card-'));
    const keys = cardKeys({ dataDir: dir, cardSigningKey: undefined });
    keyFile = path.join(dir, 'vigie-card-key.pem');
    writeFileSync(keyFile, keys.pem);
    statement = signStatement(
      {
        cardNumber,
        name: 'Anne Roy',
        trainingCode: 'SST-101',
        trainingTitle: 'Santé et sécurité sur les chantiers',
        successDate: '2026-03-10',
        expiresOn: '2029-03-10',
      },
      keys.privateKey,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says authentic for the scanned QR text, and shows what the card certifies', () => {
    const scanned = verificationUrl('https://vigie.example', cardNumber, statement);
    const r = vigie(['card', 'verify', scanned, '--key', keyFile]);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toContain('AUTHENTIC');
    expect(r.out).toContain(cardNumber);
    expect(r.out).toContain('Anne Roy');
    expect(r.out).toContain('SST-101 — Santé et sécurité sur les chantiers');
    expect(r.out).toContain(`https://vigie.example/verifier/${cardNumber}`);
  });

  it('reads the QR code from a picture of it', async () => {
    const png = path.join(dir, 'scan.png');
    await QRCode.toFile(png, verificationUrl('https://vigie.example', cardNumber, statement), { scale: 4 });
    const r = vigie(['card', 'verify', png, '--key', keyFile]);
    expect(r.status).toBe(0);
    expect(r.out).toContain('Anne Roy');
  });

  it('refuses an altered statement, saying it is not authentic', () => {
    const i = statement.indexOf('.') + 12;
    const altered = statement.slice(0, i) + (statement[i] === 'x' ? 'y' : 'x') + statement.slice(i + 1);
    const r = vigie(['card', 'verify', altered, '--key', keyFile]);
    expect(r.status).toBe(2);
    expect(r.err).toContain('NOT AUTHENTIC');
    expect(r.out).not.toContain('Anne Roy');
  });

  it('uses the server’s own key when run on the server', () => {
    const r = vigie(['card', 'verify', statement], { DATA_DIR: dir });
    expect(r.status).toBe(0);
    expect(r.out).toContain('Anne Roy');
  });

  it('without --key and without a local key, says where to get the public key', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-nokey-'));
    const r = vigie(['card', 'verify', statement], { DATA_DIR: path.join(empty, 'data') });
    expect(r.status).toBe(1);
    expect(r.err).toContain('/.well-known/vigie-card-key.pem');
    // Nothing was created on the inspector's machine.
    expect(existsSync(path.join(empty, 'data'))).toBe(false);
    rmSync(empty, { recursive: true, force: true });
  });
});
