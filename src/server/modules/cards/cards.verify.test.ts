import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardsSetting, passedWithPhoto } from '../../../../tests/support/cards.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { Client } from '../../../../tests/support/test-app.js';
import { statementOf as statementOfCard } from './card-face.js';
import { generateCardNumber } from './card-number.js';
import { cardByNumber } from './cards.repo.js';
import { cardKeys } from './signing-key.js';
import { signStatement } from './statement.js';

/** What anyone may check of a card (cards.verify.ts): its status, its QR statement, the public key. */
describe.each(dbKinds())('attestation card verification on %s', (kind) => {
  const { t, admin, signedIn, auditActions } = cardsSetting(kind);

  it('the public verification says valid, expired or revoked with the minimum, and counts each check', async () => {
    const s = await passedWithPhoto(t.ctx, { validityMonths: 12 });
    const anon = await Client.start(t.app);
    const res = await anon.get(`/api/verify/${s.card.cardNumber.toLowerCase().replace(/-/g, ' ')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      [
        'cardNumber',
        'expiresOn',
        'holderName',
        'photo',
        'revokedOn',
        'statement',
        'status',
        'successDate',
        'trainingCode',
        'trainingTitle',
      ].sort(),
    );
    expect(body).toMatchObject({ cardNumber: s.card.cardNumber, status: 'valid', photo: null, statement: null });
    expect(JSON.stringify(body)).not.toContain(s.learner.userCode);

    // Expired from the expiry date on.
    t.clock.freezeAt(new Date(`${body.expiresOn}T17:00:00Z`));
    expect((await anon.get(`/api/verify/${s.card.cardNumber}`)).json().status).toBe('expired');
    t.clock.freezeAt(new Date(new Date(`${body.expiresOn}T12:00:00Z`).getTime() - 86400_000));
    expect((await anon.get(`/api/verify/${s.card.cardNumber}`)).json().status).toBe('valid');
    t.clock.unfreeze();

    const unknown = await anon.get(`/api/verify/${generateCardNumber(2026)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'card_unknown', message: 'Aucune carte ne porte ce numéro.' });
    const typo = s.card.cardNumber.slice(0, -1) + (s.card.cardNumber.endsWith('Z') ? 'Y' : 'Z');
    const bad = await anon.get(`/api/verify/${typo}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('card_number_invalid');

    const a = await signedIn(admin.username);
    expect(
      (await a.post(`/api/admin/cards/${s.card.cardNumber}/revoke`, { reason: 'Fraude constatée à l’examen' }))
        .statusCode,
    ).toBe(200);
    const revoked = (await anon.get(`/api/verify/${s.card.cardNumber}`)).json();
    expect(revoked).toMatchObject({ status: 'revoked' });
    expect(revoked.revokedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(revoked)).not.toContain('Fraude');
    const row = await t.ctx.db
      .selectFrom('cards')
      .select('verify_count')
      .where('card_number', '=', s.card.cardNumber)
      .executeTakeFirstOrThrow();
    expect(row.verify_count).toBe(4);
  });

  it('shows the photo only to a signed-in operator or administrator, and audits that view', async () => {
    const s = await passedWithPhoto(t.ctx);
    const learner = await signedIn(s.learner.username);
    expect((await learner.get(`/api/verify/${s.card.cardNumber}`)).json().photo).toBeNull();
    const op = await signedIn(s.operator.username);
    const seen = (await op.get(`/api/verify/${s.card.cardNumber}`)).json();
    expect(seen.photo).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    const a = await signedIn(admin.username);
    expect((await a.get(`/api/verify/${s.card.cardNumber}`)).json().photo).toMatch(/^data:image\/jpeg/);
    const views = (await auditActions(s.learner.id)).filter((x) => x.action === 'photo.viewed');
    expect(views.map((v) => v.actorId)).toEqual([s.operator.id, admin.id]);
    expect(views[0]!.payload).toMatchObject({ variant: 'card-verification' });
  });

  it('checks the QR code’s statement given with the number: authentic, altered, or another card’s', async () => {
    const s = await passedWithPhoto(t.ctx);
    const other = await passedWithPhoto(t.ctx);
    // What the card's QR code holds (the PDF test decodes it from the rendered card itself).
    const statementOf = async (scene: typeof s) =>
      signStatement(
        statementOfCard((await cardByNumber(t.ctx.db, scene.card.cardNumber))!),
        cardKeys(t.ctx.config).privateKey,
      );
    const mine = await statementOf(s);
    const anon = await Client.start(t.app);
    const check = async (n: string, st: string) =>
      (await anon.get(`/api/verify/${n}?s=${encodeURIComponent(st)}`)).json().statement;
    expect(await check(s.card.cardNumber, mine)).toBe('authentic');
    const flipped = mine.slice(0, 10) + (mine[10] === 'A' ? 'B' : 'A') + mine.slice(11);
    expect(await check(s.card.cardNumber, flipped)).toBe('not_authentic');
    expect(await check(s.card.cardNumber, await statementOf(other))).toBe('mismatch');
  });

  it('publishes the public key (JWK and PEM), generated once into DATA_DIR with mode 0600', async () => {
    const anon = await Client.start(t.app);
    const jwk = await anon.get('/.well-known/vigie-card-key');
    expect(jwk.json()).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwk.json().d).toBeUndefined();
    const pem = await anon.get('/.well-known/vigie-card-key.pem');
    expect(pem.body).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(pem.body).not.toContain('PRIVATE');
    const file = path.join(t.ctx.config.dataDir, 'card-signing.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
