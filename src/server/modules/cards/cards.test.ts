import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeAdmin,
  makeAuthorizedAttempt,
  makeAuthorizedScene,
  makeLearner,
  makeTraining,
} from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { statementOf as statementOfCard } from './card-face.js';
import { generateCardNumber } from './card-number.js';
import { cardByNumber } from './cards.repo.js';
import { cardStatusFor } from './cards.service.js';
import { cardKeys } from './signing-key.js';
import { signStatement } from './statement.js';
import { endAttempt, issueAsAttemptsWould, removePhoto, savePhoto } from '../../../../tests/support/cards.js';

describe.each(dbKinds())('attestation cards on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof makeAdmin>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await makeAdmin(t.ctx);
  });
  afterAll(async () => t.close());

  /** A learner who passed, with a photo saved before: their card is issued. */
  async function passedWithPhoto(opts: Parameters<typeof makeAuthorizedScene>[1] = {}) {
    const scene = await makeAuthorizedScene(t.ctx, opts);
    await savePhoto(t.ctx, { userId: scene.learner.id, servicePointId: scene.sp.id, operatorId: scene.operator.id });
    await endAttempt(t.ctx, scene.attemptId, 'passed');
    const card = await issueAsAttemptsWould(t.ctx, scene.attemptId);
    return { ...scene, card: card! };
  }

  async function signedIn(login: string) {
    const c = await Client.start(t.app);
    await c.signIn(login);
    return c;
  }

  async function auditActions(userId: string) {
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload', 'actor_id'])
      .where('subject_user_id', '=', userId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ action: r.action, actorId: r.actor_id, payload: JSON.parse(r.payload) as object }));
  }

  it('issues a card on « Réussite »: readable number, the name and training of that day, expiry from the training', async () => {
    const s = await passedWithPhoto({ validityMonths: 36 });
    expect(s.card).toMatchObject({ state: 'issued' });
    expect(s.card.cardNumber).toMatch(/^VG-\d{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const row = await t.ctx.db
      .selectFrom('cards')
      .selectAll()
      .where('attempt_id', '=', s.attemptId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      user_id: s.learner.id,
      training_id: s.training.trainingId,
      service_point_id: s.sp.id,
      holder_name: 'Marie Tremblay',
      training_code: s.training.code,
      training_title: `Formation ${s.training.code}`,
      reprint_count: 0,
      printed_at: null,
      revoked_at: null,
    });
    const year = Number(row.success_date.slice(0, 4));
    expect(row.expires_on).toBe(`${year + 3}${row.success_date.slice(4)}`);
    expect(row.photo_id).toBeTruthy();
    expect((await auditActions(s.learner.id)).filter((a) => a.action === 'card.issued')).toEqual([
      { action: 'card.issued', actorId: null, payload: { cardNumber: s.card.cardNumber, attemptId: s.attemptId } },
    ]);

    // The learner changes their name afterwards: the card keeps the name checked at the service point.
    await t.ctx.db.updateTable('users').set({ first_name: 'Autre' }).where('id', '=', s.learner.id).execute();
    const c = await signedIn(s.learner.username);
    const list = (await c.get('/api/learning/cards')).json().cards;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      cardNumber: s.card.cardNumber,
      status: 'valid',
      trainingTitle: { fr: `Formation ${s.training.code}` },
      expiresOn: row.expires_on,
      downloadable: true,
      needsPhoto: false,
    });
    const verify = (await Client.start(t.app).then((a) => a.get(`/api/verify/${s.card.cardNumber}`))).json();
    expect(verify.holderName).toBe('Marie Tremblay');
    expect(await cardStatusFor(t.ctx, s.learner.id)).toMatchObject({ awaitingPhoto: false });
  });

  it('issues nothing on « Échec », nothing for an attempt not ended, and the same card when called twice', async () => {
    const failed = await makeAuthorizedScene(t.ctx);
    await savePhoto(t.ctx, { userId: failed.learner.id, servicePointId: failed.sp.id, operatorId: failed.operator.id });
    await endAttempt(t.ctx, failed.attemptId, 'failed');
    expect(await issueAsAttemptsWould(t.ctx, failed.attemptId)).toBeNull();
    const open = await makeAuthorizedScene(t.ctx);
    expect(await issueAsAttemptsWould(t.ctx, open.attemptId)).toBeNull();
    const none = await t.ctx.db
      .selectFrom('cards')
      .select('id')
      .where('user_id', 'in', [failed.learner.id, open.learner.id])
      .execute();
    expect(none).toEqual([]);
    expect((await (await signedIn(failed.learner.username)).get('/api/learning/cards')).json().cards).toEqual([]);

    const s = await passedWithPhoto();
    expect(await issueAsAttemptsWould(t.ctx, s.attemptId)).toEqual(s.card);
    const n = await t.ctx.db.selectFrom('cards').select('id').where('user_id', '=', s.learner.id).execute();
    expect(n).toHaveLength(1);
  });

  it('waits for the photo when none is saved, says so in the operator’s file, and issues when it is saved', async () => {
    const s = await makeAuthorizedScene(t.ctx);
    await endAttempt(t.ctx, s.attemptId, 'passed');
    const card = (await issueAsAttemptsWould(t.ctx, s.attemptId))!;
    expect(card.state).toBe('awaiting_photo');
    expect(await cardStatusFor(t.ctx, s.learner.id)).toEqual({
      awaitingPhoto: true,
      cards: [
        {
          cardNumber: card.cardNumber,
          trainingTitle: { fr: `Formation ${s.training.code}` },
          status: 'awaiting_photo',
          needsPhoto: true,
        },
      ],
    });
    const c = await signedIn(s.learner.username);
    expect((await c.get('/api/learning/cards')).json().cards[0]).toMatchObject({
      status: 'awaiting_photo',
      downloadable: false,
      needsPhoto: true,
    });
    const early = await c.get(`/api/learning/cards/${card.cardNumber}.pdf`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'card_awaiting_photo' });
    expect(early.json().error.message).toContain('La carte attend la photo');
    // Not printed, so not verifiable yet.
    const anon = await Client.start(t.app);
    expect((await anon.get(`/api/verify/${card.cardNumber}`)).json().error.code).toBe('card_unknown');
    expect((await auditActions(s.learner.id)).map((a) => a.action)).toContain('card.awaiting_photo');

    const saved = await savePhoto(t.ctx, { userId: s.learner.id, servicePointId: s.sp.id, operatorId: s.operator.id });
    expect(saved.issued).toEqual([card.cardNumber]);
    expect(await cardStatusFor(t.ctx, s.learner.id)).toMatchObject({ awaitingPhoto: false });
    const pdf = await c.get(`/api/learning/cards/${card.cardNumber}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await anon.get(`/api/verify/${card.cardNumber}`)).json().status).toBe('valid');
    const issued = (await auditActions(s.learner.id)).filter((a) => a.action === 'card.issued');
    expect(issued).toEqual([
      { action: 'card.issued', actorId: null, payload: { cardNumber: card.cardNumber, attemptId: s.attemptId } },
    ]);
    // A second save does not issue it again.
    expect(
      (await savePhoto(t.ctx, { userId: s.learner.id, servicePointId: s.sp.id, operatorId: s.operator.id })).issued,
    ).toEqual([]);
  });

  it('a card whose photo was removed cannot be downloaded or printed until a new one is saved', async () => {
    const s = await passedWithPhoto();
    await removePhoto(t.ctx, s.learner.id);
    expect(await cardStatusFor(t.ctx, s.learner.id)).toMatchObject({
      awaitingPhoto: true,
      cards: [{ status: 'valid', needsPhoto: true }],
    });
    const c = await signedIn(s.learner.username);
    expect((await c.get(`/api/learning/cards/${s.card.cardNumber}.pdf`)).json().error.code).toBe('card_awaiting_photo');
    const a = await signedIn(admin.username);
    const sheet = await a.get(`/api/admin/cards/sheet.pdf?cards=${s.card.cardNumber}`);
    expect(sheet.statusCode).toBe(409);
    expect(sheet.json().error).toMatchObject({ code: 'card_not_printable' });
    expect(sheet.json().error.message).toContain(s.card.cardNumber);
    const queue = (await a.get('/api/admin/cards?filter=to_print')).json().cards;
    expect(queue.find((x: { cardNumber: string }) => x.cardNumber === s.card.cardNumber)).toMatchObject({
      printable: false,
      needsPhoto: true,
    });
  });

  it('counts and audits each download; another learner’s card is not found', async () => {
    const s = await passedWithPhoto();
    const c = await signedIn(s.learner.username);
    for (let i = 0; i < 2; i++)
      expect((await c.get(`/api/learning/cards/${s.card.cardNumber}.pdf`)).statusCode).toBe(200);
    const row = await t.ctx.db
      .selectFrom('cards')
      .select('download_count')
      .where('card_number', '=', s.card.cardNumber)
      .executeTakeFirstOrThrow();
    expect(row.download_count).toBe(2);
    const downloads = (await auditActions(s.learner.id)).filter((a) => a.action === 'card.downloaded');
    expect(downloads).toEqual([
      { action: 'card.downloaded', actorId: s.learner.id, payload: { cardNumber: s.card.cardNumber } },
      { action: 'card.downloaded', actorId: s.learner.id, payload: { cardNumber: s.card.cardNumber } },
    ]);

    const other = await makeLearner(t.ctx);
    const o = await signedIn(other.username);
    const theirs = await o.get(`/api/learning/cards/${s.card.cardNumber}.pdf`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('not_found');
    expect((await o.get('/api/learning/cards')).json().cards).toEqual([]);
    // Unknown and malformed numbers answer the same.
    expect((await o.get('/api/learning/cards/VG-2026-AAAA-AAAA.pdf')).statusCode).toBe(404);
    const anon = await Client.start(t.app);
    expect((await anon.get(`/api/learning/cards/${s.card.cardNumber}.pdf`)).statusCode).toBe(401);
  });

  it('the public verification says valid, expired or revoked with the minimum, and counts each check', async () => {
    const s = await passedWithPhoto({ validityMonths: 12 });
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
    const s = await passedWithPhoto();
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
    const s = await passedWithPhoto();
    const other = await passedWithPhoto();
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

  it('reissues a lost card with the same number, one more reprint, back in the print queue', async () => {
    const s = await passedWithPhoto();
    const a = await signedIn(admin.username);
    expect((await a.post('/api/admin/cards/printed', { cardNumbers: [s.card.cardNumber] })).json()).toEqual({
      marked: [s.card.cardNumber],
    });
    const queued = async () =>
      (await a.get('/api/admin/cards?filter=to_print'))
        .json()
        .cards.some((c: { cardNumber: string }) => c.cardNumber === s.card.cardNumber);
    expect(await queued()).toBe(false);
    const r = await a.post(`/api/admin/cards/${s.card.cardNumber}/reissue`);
    expect(r.json()).toEqual({ reprintCount: 1 });
    expect((await a.post(`/api/admin/cards/${s.card.cardNumber}/reissue`)).json()).toEqual({ reprintCount: 2 });
    expect(await queued()).toBe(true);
    const rows = await t.ctx.db
      .selectFrom('cards')
      .select(['card_number', 'reprint_count'])
      .where('user_id', '=', s.learner.id)
      .execute();
    expect(rows).toEqual([{ card_number: s.card.cardNumber, reprint_count: 2 }]);
    const actions = (await auditActions(s.learner.id)).filter((x) => x.action.startsWith('card.'));
    expect(actions.map((x) => x.action)).toEqual(['card.issued', 'card.printed', 'card.reprinted', 'card.reprinted']);
    expect(actions[3]!.payload).toEqual({ cardNumber: s.card.cardNumber, reprintCount: 2 });
  });

  it('revokes for administrators only, with a reason; a revoked card cannot be downloaded, reissued or printed', async () => {
    const s = await passedWithPhoto();
    const learner = await signedIn(s.learner.username);
    expect(
      (await learner.post(`/api/admin/cards/${s.card.cardNumber}/revoke`, { reason: 'Je veux la révoquer' }))
        .statusCode,
    ).toBe(403);
    const op = await signedIn(s.operator.username);
    expect(
      (await op.post(`/api/admin/cards/${s.card.cardNumber}/revoke`, { reason: 'Je veux la révoquer' })).statusCode,
    ).toBe(403);
    const a = await signedIn(admin.username);
    const noReason = await a.post(`/api/admin/cards/${s.card.cardNumber}/revoke`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    expect(
      (await a.post(`/api/admin/cards/${s.card.cardNumber}/revoke`, { reason: 'Résultat annulé après enquête' }))
        .statusCode,
    ).toBe(200);
    const again = await a.post(`/api/admin/cards/${s.card.cardNumber}/revoke`, { reason: 'Une deuxième fois' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('card_revoked');
    expect((await a.post(`/api/admin/cards/${s.card.cardNumber}/reissue`)).json().error.code).toBe('card_revoked');
    expect((await a.get(`/api/admin/cards/sheet.pdf?cards=${s.card.cardNumber}`)).json().error.code).toBe(
      'card_not_printable',
    );
    expect((await learner.get(`/api/learning/cards/${s.card.cardNumber}.pdf`)).json().error.code).toBe('card_revoked');
    expect((await learner.get('/api/learning/cards')).json().cards[0]).toMatchObject({
      status: 'revoked',
      revokedReason: 'Résultat annulé après enquête',
      downloadable: false,
    });
    const revoked = (await auditActions(s.learner.id)).find((x) => x.action === 'card.revoked')!;
    expect(revoked).toEqual({
      action: 'card.revoked',
      actorId: admin.id,
      payload: { cardNumber: s.card.cardNumber, reason: 'Résultat annulé après enquête' },
    });
    const listed = (await a.get('/api/admin/cards?filter=revoked')).json().cards;
    expect(listed.map((c: { cardNumber: string }) => c.cardNumber)).toContain(s.card.cardNumber);
  });

  it('the print queue: one A4 PDF of a selection, its photos audited, then marked printed', async () => {
    const cards = [await passedWithPhoto(), await passedWithPhoto(), await passedWithPhoto()];
    const a = await signedIn(admin.username);
    const queue = (await a.get('/api/admin/cards')).json().cards as { cardNumber: string; printable: boolean }[];
    for (const s of cards)
      expect(queue.find((c) => c.cardNumber === s.card.cardNumber)).toMatchObject({ printable: true });
    const numbers = cards.map((s) => s.card.cardNumber);
    const sheet = await a.get(`/api/admin/cards/sheet.pdf?cards=${numbers.join(',')}`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    expect(sheet.headers['content-disposition']).toMatch(
      /^attachment; filename="cartes-a-imprimer-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    for (const s of cards) {
      const views = (await auditActions(s.learner.id)).filter((x) => x.action === 'photo.viewed');
      expect(views).toMatchObject([{ actorId: admin.id, payload: { variant: 'card-print-sheet' } }]);
    }
    expect((await a.post('/api/admin/cards/printed', { cardNumbers: numbers })).json().marked.sort()).toEqual(
      [...numbers].sort(),
    );
    // Marking twice changes nothing.
    expect((await a.post('/api/admin/cards/printed', { cardNumbers: numbers })).json().marked).toEqual([]);
    const after = (await a.get('/api/admin/cards')).json().cards as { cardNumber: string }[];
    for (const n of numbers) expect(after.some((c) => c.cardNumber === n)).toBe(false);
    const printed = (await a.get(`/api/admin/cards?filter=printed&q=${numbers[0]}`)).json().cards;
    expect(printed).toMatchObject([{ cardNumber: numbers[0] }]);
    expect(printed[0].printedAt).toBeTruthy();

    const learner = await signedIn(cards[0]!.learner.username);
    expect((await learner.get('/api/admin/cards')).statusCode).toBe(403);
    expect((await learner.get(`/api/admin/cards/sheet.pdf?cards=${numbers[0]}`)).statusCode).toBe(403);
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

  it('a second enrolment passed later gets its own card', async () => {
    const s = await passedWithPhoto();
    const training = await makeTraining(t.ctx);
    const enrolmentId = await enrol(t.ctx, s.learner.id, training.trainingId, s.sp.id);
    const attemptId = await makeAuthorizedAttempt(t.ctx, {
      userId: s.learner.id,
      enrolmentId,
      examId: training.examId,
      versionId: training.versionId,
      servicePointId: s.sp.id,
      workstationId: s.sp.workstations[1]!.id,
      operatorId: s.operator.id,
    });
    await endAttempt(t.ctx, attemptId, 'passed');
    const second = (await issueAsAttemptsWould(t.ctx, attemptId))!;
    expect(second.state).toBe('issued');
    expect(second.cardNumber).not.toBe(s.card.cardNumber);
    const c = await signedIn(s.learner.username);
    expect((await c.get('/api/learning/cards')).json().cards).toHaveLength(2);
  });
});
