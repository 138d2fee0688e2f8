import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { loadDemo } from '../demo/demo.service.js';

describe.each(dbKinds())('the demo’s card on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadDemo(t.ctx);
  });
  afterAll(async () => t.close());

  it('Anne Roy passed twelve days ago: her card is issued, downloadable, verifiable and waiting to be printed', async () => {
    const c = await Client.start(t.app);
    await c.signIn('aroy');
    const cards = (await c.get('/api/learning/cards')).json().cards;
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({
      status: 'valid',
      downloadable: true,
      servicePointName: 'Point de service Démo — Montréal',
    });
    const pdf = await c.get(`/api/learning/cards/${cards[0].cardNumber}.pdf`);
    expect(pdf.statusCode).toBe(200);
    const anon = await Client.start(t.app);
    expect((await anon.get(`/api/verify/${cards[0].cardNumber}`)).json()).toMatchObject({
      holderName: 'Anne Roy',
      status: 'valid',
    });
    const admin = await Client.start(t.app);
    await admin.signIn('admin');
    const queue = (await admin.get('/api/admin/cards')).json().cards;
    expect(queue).toMatchObject([{ cardNumber: cards[0].cardNumber, printable: true }]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'card.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['card.issued', 'card.downloaded']);
  });
});
