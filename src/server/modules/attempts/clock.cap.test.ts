import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { INTERFACE_LANGUAGE_HEADER } from '../../../shared/errors.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';

const MINUTE = 60_000;

/**
 * « Ajouter du temps » has a ceiling for the whole attempt: the desk may add, in all, as many minutes as the exam
 * lasts (an operator reached a deadline 2.5 days out with 30 × 120 minutes).
 */
describe.each(dbKinds())('the total time the desk may add to one attempt (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function running(lang: 'fr' | 'en') {
    const s = await learnerAtWorkstation(t, { durationMinutes: 90 });
    const started = await s.browser.post(`${s.url}/start`);
    expect(started.statusCode).toBe(200);
    const desk = await Client.start(t.app, lang);
    await desk.signIn(s.operator.username);
    // The page's language, as the web app sends it (the operator's account speaks French).
    const add = (minutes: number) =>
      desk.request({
        method: 'POST',
        url: `/api/desk/attempts/${s.attemptId}/time`,
        payload: { minutes, reason: 'Panne de courant' },
        headers: { [INTERFACE_LANGUAGE_HEADER]: lang },
      });
    return { ...s, add, deadlineAt: (started.json() as { deadlineAt: string }).deadlineAt };
  }

  it('adds up to the exam’s duration, then refuses naming minutes and what is left (fr)', async () => {
    const s = await running('fr');
    expect((await s.add(60)).statusCode).toBe(200);
    const over = await s.add(31);
    expect(over.statusCode, over.body).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'added_time_limit', field: 'minutes' });
    expect(over.json().error.message).toContain('(90 minutes)');
    expect(over.json().error.message).toContain('il reste 30 min');
    expect(over.json().error.message).toContain('minutes');
    const last = await s.add(30);
    expect(last.statusCode).toBe(200);
    expect(last.json().deadlineAt).toBe(new Date(Date.parse(s.deadlineAt) + 90 * MINUTE).toISOString());
    const none = await s.add(1);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toContain('il reste 0 min');
  });

  it('thirty additions of 120 minutes stop at the exam’s duration (en)', async () => {
    const s = await running('en');
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) codes.push((await s.add(120)).statusCode);
    expect(codes.every((c) => c === 409)).toBe(true);
    const over = await s.add(120);
    expect(over.json().error.message).toContain('(90 minutes): 90 min left to add (field: minutes)');
    const stored = await t.ctx.db
      .selectFrom('attempts')
      .select('deadline_at')
      .where('id', '=', s.attemptId)
      .executeTakeFirstOrThrow();
    expect(stored.deadline_at).toBe(s.deadlineAt);
  });
});
