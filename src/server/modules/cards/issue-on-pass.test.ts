import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { learnerAtWorkstation } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { markReady } from '../../../../tests/support/factories.js';
import { multipart, samplePhoto } from '../../../../tests/support/images.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';

/**
 * The whole chain through the real routes: the learner's « Terminer » on a pass issues the card, a fail does
 * not; a pass before the photo waits for it, and « Enregistrer » at the desk issues it (the reactions wired
 * in src/server/wiring.ts).
 */
describe.each(dbKinds())('a card follows the result on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  async function takeExam(correct: boolean, { photo = true } = {}) {
    const s = await learnerAtWorkstation(t, { passingMark: 80 });
    if (photo) {
      await markReady(t.ctx, s.learner.id, s.sp.id, s.operator.id);
      // A real JPEG for the card.
      const jpeg = await sharp({ create: { width: 413, height: 531, channels: 3, background: '#ddeeff' } })
        .jpeg()
        .toBuffer();
      await t.ctx.db
        .updateTable('photos')
        .set({ cropped_enc: t.ctx.secrets.encrypt(jpeg) })
        .where('user_id', '=', s.learner.id)
        .execute();
    }
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    const answers: Record<string, string[]> = correct
      ? { q1: ['a'], q2: ['true'], q3: ['a', 'b'], q4: ['a', 'b', 'd'], q5: ['b'] }
      : { q1: ['b'], q2: ['false'] };
    let seq = 0;
    for (const [item, choiceIds] of Object.entries(answers)) {
      expect(
        (await s.browser.put(`${s.url}/answers/${item}`, { choiceIds, flagged: false, seq: ++seq })).statusCode,
      ).toBe(200);
    }
    const submitted = await s.browser.post(`${s.url}/submit`);
    expect(submitted.statusCode).toBe(200);
    return s;
  }

  it('issues one card on « Réussite »', async () => {
    const s = await takeExam(true);
    const cards = await t.ctx.db.selectFrom('cards').selectAll().where('user_id', '=', s.learner.id).execute();
    expect(cards).toHaveLength(1);
    expect(cards[0]!.attempt_id).toBe(s.attemptId);
    expect(cards[0]!.card_number).toMatch(/^VG-\d{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const mine = await s.browser.get('/api/learning/cards');
    expect(mine.statusCode).toBe(200);
    expect(JSON.stringify(mine.json())).toContain(cards[0]!.card_number);
  });

  it('issues nothing on « Échec »', async () => {
    const s = await takeExam(false);
    const cards = await t.ctx.db.selectFrom('cards').selectAll().where('user_id', '=', s.learner.id).execute();
    expect(cards).toHaveLength(0);
  });

  it('a pass before the photo waits for it; « Enregistrer » at the desk issues the card', async () => {
    const s = await takeExam(true, { photo: false });
    const card = () =>
      t.ctx.db.selectFrom('cards').selectAll().where('user_id', '=', s.learner.id).executeTakeFirstOrThrow();
    expect(await card()).toMatchObject({ attempt_id: s.attemptId, state: 'awaiting_photo', photo_id: null });

    const desk = await Client.start(t.app);
    await desk.signIn(s.operator.username);
    const photo = `/api/desk/learners/${s.learner.id}/photo`;
    const upload = multipart('camera.jpg', 'image/jpeg', samplePhoto());
    expect((await desk.request({ method: 'POST', url: photo, ...upload })).statusCode).toBe(200);
    expect((await desk.put(`${photo}/crop`, { x: 100, y: 50, width: 350, height: 450 })).statusCode).toBe(200);
    const checklist = {
      whiteBackground: true,
      noHeadwear: true,
      noSunglasses: true,
      eyesOpen: true,
      faceCentred: true,
    };
    // The sample (a group photo) fails the automatic check: saved on the operator's word.
    const saved = await desk.post(`${photo}/save`, { checklist, overrideReason: 'Vérifiée à l’œil par l’opérateur' });
    expect(saved.statusCode).toBe(200);

    expect(await card()).toMatchObject({ state: 'issued', photo_id: saved.json().photo.id });
    const issued = await t.ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('subject_user_id', '=', s.learner.id)
      .where('action', '=', 'card.issued')
      .execute();
    expect(issued.map((a) => JSON.parse(a.payload) as unknown)).toEqual([
      { cardNumber: (await card()).card_number, attemptId: s.attemptId },
    ]);
  });
});
