import { describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeAuthorizedAttempt,
  makeAuthorizedScene,
  makeLearner,
  makeTraining,
} from '../../../../tests/support/factories.js';
import { Client } from '../../../../tests/support/test-app.js';
import { cardStatusFor } from './cards.service.js';
import {
  cardsSetting,
  endAttempt,
  issueAsAttemptsWould,
  passedWithPhoto,
  removePhoto,
  savePhoto,
} from '../../../../tests/support/cards.js';

describe.each(dbKinds())('attestation cards on %s', (kind) => {
  const { t, admin, signedIn, auditActions } = cardsSetting(kind);

  it('issues a card on « Réussite »: readable number, the name and training of that day, expiry from the training', async () => {
    const s = await passedWithPhoto(t.ctx, { validityMonths: 36 });
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

    const s = await passedWithPhoto(t.ctx);
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
    const s = await passedWithPhoto(t.ctx);
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
    const s = await passedWithPhoto(t.ctx);
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

  it('reissues a lost card with the same number, one more reprint, back in the print queue', async () => {
    const s = await passedWithPhoto(t.ctx);
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
    const s = await passedWithPhoto(t.ctx);
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
    const cards = [await passedWithPhoto(t.ctx), await passedWithPhoto(t.ctx), await passedWithPhoto(t.ctx)];
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

  it('a second enrolment passed later gets its own card', async () => {
    const s = await passedWithPhoto(t.ctx);
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
