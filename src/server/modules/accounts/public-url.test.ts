/**
 * Issue 14: the addresses Vigie writes in mails and cards come from PUBLIC_URL, never from the request's Host
 * header (each test was run, and red, on main before its fix).
 */
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { passedWithPhoto } from '../../../../tests/support/cards.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeLearner } from '../../../../tests/support/factories.js';
import { mailsTo as mailsIn } from '../../../../tests/support/outbox.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { ConfigError, loadConfig } from '../../config.js';

describe('PUBLIC_URL', () => {
  const base = {
    DATA_DIR: path.join(os.tmpdir(), 'vigie-test-config'),
    VIGIE_SECRET: 'test-secret-test-secret-test-secret-0123456789',
  };
  it('is required in production: the server refuses to start without it, saying so', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ ...base, NODE_ENV: 'production', PUBLIC_URL: 'https://vigie.example/' }).publicUrl).toBe(
      'https://vigie.example',
    );
  });
  it('outside production defaults to localhost on the configured port', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'development', PORT: '4321' }).publicUrl).toBe('http://localhost:4321');
  });
});

describe.each(dbKinds())('links come from configuration only on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());
  const mailsTo = (to: string) => mailsIn(t.database.dataDir, to);

  describe('links from the configuration, whatever the request says', () => {
    it('a reset mail asked with a forged Host header links to the configured address', async () => {
      const l = await makeLearner(t.ctx);
      const c = await Client.start(t.app);
      const email = `${l.username}@example.test`;
      const res = await c.request({
        method: 'POST',
        url: '/api/auth/forgot',
        payload: { login: email },
        headers: { host: 'attacker.example', 'x-forwarded-host': 'attacker.example' },
      });
      expect(res.statusCode).toBe(200);
      await vi.waitFor(() => expect(mailsTo(email)).toHaveLength(1), { timeout: 5000 });
      const mail = mailsTo(email)[0]!;
      expect(mail).not.toContain('attacker');
      expect(mail).toMatch(/http:\/\/localhost:3000\/reinitialiser\?jeton=[\w-]+/);
    });

    it('the card PDF asked with a forged Host header points its address to the configured one', async () => {
      const { learner, card } = await passedWithPhoto(t.ctx);
      const c = await Client.start(t.app);
      await c.signIn(learner.username);
      const pdf = await c.request({
        method: 'GET',
        url: `/api/learning/cards/${card.cardNumber}.pdf`,
        headers: { host: 'attacker.example' },
      });
      expect(pdf.statusCode).toBe(200);
      const text = pdfText(pdf.rawPayload);
      expect(text).toContain('localhost:3000/verifier/');
      expect(text).not.toContain('attacker');
    });
  });
});

/** The text a PDF draws: its streams inflated, hex strings decoded (pdf-lib writes standard-font text in hex). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let out = raw;
  const re = /stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out += inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      /* not a deflated stream */
    }
  }
  return out.replace(/<([0-9A-Fa-f]{4,})>/g, (_, hex: string) => Buffer.from(hex, 'hex').toString('latin1'));
}
