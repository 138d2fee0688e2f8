import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeOperator } from '../../../../tests/support/factories.js';
import { Client } from '../../../../tests/support/test-app.js';
import { statementOf } from './card-face.js';
import { cardByNumber } from './cards.repo.js';
import { printable } from './pdf-text.js';
import { cardKeys } from './signing-key.js';
import { signStatement } from './statement.js';
import { cardsSetting, passedWithPhoto } from '../../../../tests/support/cards.js';

/** Issue 14: who sees the ID photo through the verification, the QR statement off the URL, names as printed. */
describe.each(dbKinds())('card verification privacy on %s', (kind) => {
  const { t, admin, signedIn } = cardsSetting(kind);
  const photoViews = (userId: string) =>
    t.ctx.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('subject_user_id', '=', userId)
      .where('action', '=', 'photo.viewed')
      .execute();

  it('the photo only for staff of the card’s service point or an administrator', async () => {
    const s = await passedWithPhoto(t.ctx);
    const other = await passedWithPhoto(t.ctx); // another service point, its own operator
    const stranger = await signedIn(other.operator.username);
    const res = await stranger.get(`/api/verify/${s.card.cardNumber}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ cardNumber: s.card.cardNumber, status: 'valid', photo: null });
    expect(await photoViews(s.learner.id)).toEqual([]);

    // An operator of both points sees it; so do the card's own operator and an administrator.
    const both = await makeOperator(t.ctx, other.sp.id);
    const { grantOperator } = await import('../service-points/service-points.service.js');
    await grantOperator(t.ctx, null, both.id, s.sp.id);
    for (const login of [s.operator.username, both.username, admin.username]) {
      const c = await signedIn(login);
      expect((await c.get(`/api/verify/${s.card.cardNumber}`)).json().photo, login).toMatch(/^data:image\/jpeg/);
    }
    expect((await photoViews(s.learner.id)).map((r) => r.actor_id)).toEqual([s.operator.id, both.id, admin.id]);
  });

  it('the QR statement is checked from a POST body, so it never is in an address the server logs', async () => {
    const s = await passedWithPhoto(t.ctx);
    const st = signStatement(
      statementOf((await cardByNumber(t.ctx.db, s.card.cardNumber))!),
      cardKeys(t.ctx.config).privateKey,
    );
    const anon = await Client.start(t.app);
    const res = await anon.post(`/api/verify/${s.card.cardNumber}`, { statement: st });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ statement: 'authentic', photo: null });
    // A whole scanned address works too (what an old card's QR code holds).
    const whole = `https://vigie.example/verifier/${s.card.cardNumber}#${st}`;
    expect((await anon.post(`/api/verify/${s.card.cardNumber}`, { statement: whole })).json().statement).toBe(
      'authentic',
    );
    const flipped = st.slice(0, 10) + (st[10] === 'A' ? 'B' : 'A') + st.slice(11);
    expect((await anon.post(`/api/verify/${s.card.cardNumber}`, { statement: flipped })).json().statement).toBe(
      'not_authentic',
    );
    expect((await anon.post(`/api/verify/${s.card.cardNumber}`, {})).json().statement).toBeNull();
  });

  it('a name holding bidirectional or invisible characters is shown without them', async () => {
    const s = await passedWithPhoto(t.ctx);
    await t.ctx.db
      .updateTable('cards')
      .set({ holder_name: 'Ali\u202Eecnarf\u200B Tr\u00ADemblay\u2066', training_title: 'Signa\u200Dleur\u202D' })
      .where('card_number', '=', s.card.cardNumber)
      .execute();
    const body = (await (await Client.start(t.app)).get(`/api/verify/${s.card.cardNumber}`)).json();
    expect(body.holderName).toBe('Aliecnarf Tremblay');
    expect(body.trainingTitle).toEqual({ fr: 'Signaleur' });
  });
});

describe('names drawn on the card PDF', () => {
  it('drop bidirectional controls and invisible characters instead of printing them or a « ? »', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.HelveticaBold);
    expect(printable('Ali\u202Eecnarf', font)).toBe('Aliecnarf');
    expect(printable('\u2067Ma\u200Brie\u00AD Trem\uFEFFblay\u2069\u200F', font)).toBe('Marie Tremblay');
    expect(printable('Éric Côté « 1 »', font)).toBe('Éric Côté « 1 »');
  });
});
