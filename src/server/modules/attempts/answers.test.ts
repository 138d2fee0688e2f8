import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation, workstationCookie } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { WORKSTATION_COOKIE } from '../../http/workstation.js';
import { lastAnswerAtOf, lastSeqOf } from '../../db/attempt-progress.js';

describe.each(dbKinds())('saving answers on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  async function running(opts: Parameters<typeof learnerAtWorkstation>[1] = {}) {
    const s = await learnerAtWorkstation(t, opts);
    const started = await s.browser.post(`${s.url}/start`);
    expect(started.statusCode).toBe(200);
    const save = (itemId: string, body: unknown) => s.browser.put(`${s.url}/answers/${itemId}`, body);
    const stored = () =>
      t.ctx.db
        .selectFrom('answers')
        .selectAll()
        .where('attempt_id', '=', s.attemptId)
        .orderBy('item_id')
        .execute()
        .then((rows) =>
          rows.map((r) => ({
            item: r.item_id,
            choices: JSON.parse(r.response) as string[],
            flagged: !!r.flagged,
            seq: Number(r.seq),
          })),
        );
    // The attempt with its last sequence number and last answer time (read from its answers).
    const attempt = () =>
      t.ctx.db
        .selectFrom('attempts as a')
        .selectAll('a')
        .select((eb) => [lastSeqOf(eb), lastAnswerAtOf(eb)])
        .where('a.id', '=', s.attemptId)
        .executeTakeFirstOrThrow();
    return { ...s, started: started.json(), save, stored, attempt };
  }

  it('saves each change, acknowledges it, and gives it back when the page is opened again', async () => {
    const s = await running();
    const res = await s.save('q1', { choiceIds: ['a'], flagged: false, seq: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ itemId: 'q1', seq: 1, duplicate: false });
    expect((await s.save('q3', { choiceIds: ['a', 'b'], flagged: true, seq: 2 })).statusCode).toBe(200);
    expect((await s.save('q1', { choiceIds: ['b'], flagged: false, seq: 3 })).statusCode).toBe(200);
    // Flagged « À revoir » without an answer yet.
    expect((await s.save('q5', { choiceIds: [], flagged: true, seq: 4 })).statusCode).toBe(200);
    expect(await s.stored()).toEqual([
      { item: 'q1', choices: ['b'], flagged: false, seq: 3 },
      { item: 'q3', choices: ['a', 'b'], flagged: true, seq: 2 },
      { item: 'q5', choices: [], flagged: true, seq: 4 },
    ]);
    const row = await s.attempt();
    expect(Number(row.last_seq)).toBe(4);
    expect(row.last_answer_at).not.toBeNull();
    const reopened = (await s.browser.get(s.url)).json();
    expect(reopened.lastSeq).toBe(4);
    expect(reopened.answers).toEqual({
      q1: { choiceIds: ['b'], flagged: false, seq: 3 },
      q3: { choiceIds: ['a', 'b'], flagged: true, seq: 2 },
      q5: { choiceIds: [], flagged: true, seq: 4 },
    });
  });

  it('a repeated send is acknowledged as a duplicate and changes nothing', async () => {
    const s = await running();
    await s.save('q2', { choiceIds: ['true'], flagged: false, seq: 5 });
    const again = await s.save('q2', { choiceIds: ['true'], flagged: false, seq: 5 });
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicate).toBe(true);
    expect(await s.stored()).toEqual([{ item: 'q2', choices: ['true'], flagged: false, seq: 5 }]);
  });

  it('a late older send never overwrites a newer answer: refused with a clear message, nothing changed', async () => {
    const s = await running();
    await s.save('q1', { choiceIds: ['c'], flagged: false, seq: 7 });
    const before = await s.attempt();
    const late = await s.save('q1', { choiceIds: ['a'], flagged: true, seq: 6 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'stale_sequence', field: 'seq', details: { savedSeq: 7 } });
    expect(late.json().error.message).toContain('Une réponse plus récente est déjà enregistrée');
    expect(await s.stored()).toEqual([{ item: 'q1', choices: ['c'], flagged: false, seq: 7 }]);
    const after = await s.attempt();
    expect(after.last_seq).toBe(before.last_seq);
    expect(after.last_answer_at).toBe(before.last_answer_at);
  });

  it('concurrent sends of the same item settle on the highest sequence number, whatever the arrival order', async () => {
    const s = await running();
    const sends = Array.from({ length: 20 }, (_, i) => ({
      choiceIds: [i % 2 ? 'a' : 'b'],
      flagged: false,
      seq: i + 1,
    }));
    const results = await Promise.all(sends.reverse().map((b) => s.save('q1', b)));
    expect(results.every((r) => [200, 409].includes(r.statusCode))).toBe(true);
    expect(await s.stored()).toEqual([{ item: 'q1', choices: ['a'], flagged: false, seq: 20 }]);
    expect(Number((await s.attempt()).last_seq)).toBe(20);
  });

  it('refuses an item that is not in the attempt’s paper, a choice that does not exist, two choices for a single answer', async () => {
    // Draw 1 item of 5: four of the exam's items are not on this paper.
    const s = await running({ drawCount: 1 });
    const drawn = s.started.items[0].id as string;
    const notDrawn = ['q1', 'q2', 'q3', 'q4', 'q5'].find((q) => q !== drawn)!;
    const cases = [
      [notDrawn, ['a'], 'answer_item_unknown', 'Cette question ne fait pas partie de votre examen.'],
      ['q99', ['a'], 'answer_item_unknown', 'Cette question ne fait pas partie de votre examen.'],
      [drawn, ['zz'], 'answer_choice_unknown', 'Ce choix de réponse n’existe pas pour cette question.'],
    ] as const;
    for (const [item, choices, code, message] of cases) {
      const res = await s.save(item, { choiceIds: choices, flagged: false, seq: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code, message });
    }
    const s2 = await running();
    const two = await s2.save('q1', { choiceIds: ['a', 'b'], flagged: false, seq: 1 });
    expect(two.json().error).toMatchObject({
      code: 'answer_single_choice',
      message: 'Une seule réponse est permise pour cette question.',
    });
    const bad = await s2.save('q1', { choiceIds: 'a', seq: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation');
    // A sequence number beyond what the database stores: refused like any other bad input, not a 500.
    const huge = await s2.save('q1', { choiceIds: ['a'], flagged: false, seq: 2 ** 31 });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error).toMatchObject({ code: 'validation', field: 'seq' });
    expect(await s.stored()).toEqual([]);
    expect(await s2.stored()).toEqual([]);
  });

  it('refuses an answer after the deadline, even before the sweeper closes the attempt', async () => {
    const s = await running({ durationMinutes: 10 });
    await s.save('q1', { choiceIds: ['a'], flagged: false, seq: 1 });
    t.clock.freezeAt(new Date(new Date(s.started.deadlineAt as string).getTime() + 1));
    try {
      const late = await s.save('q1', { choiceIds: ['b'], flagged: false, seq: 2 });
      expect(late.statusCode).toBe(409);
      expect(late.json().error).toMatchObject({
        code: 'deadline_passed',
        message: 'Le temps est écoulé : la réponse n’a pas été enregistrée.',
      });
    } finally {
      t.clock.unfreeze();
    }
    expect(await s.stored()).toEqual([{ item: 'q1', choices: ['a'], flagged: false, seq: 1 }]);
  });

  it('refuses an answer after submission, and before « Commencer »', async () => {
    const s = await running();
    await s.save('q1', { choiceIds: ['a'], flagged: false, seq: 1 });
    expect((await s.browser.post(`${s.url}/submit`)).statusCode).toBe(200);
    const after = await s.save('q2', { choiceIds: ['true'], flagged: false, seq: 2 });
    expect(after.statusCode).toBe(409);
    expect(after.json().error).toMatchObject({
      code: 'attempt_ended',
      message: 'Cet examen est terminé : plus aucune réponse n’est acceptée.',
    });
    expect(await s.stored()).toEqual([{ item: 'q1', choices: ['a'], flagged: false, seq: 1 }]);

    const fresh = await learnerAtWorkstation(t);
    const early = await fresh.browser.put(`${fresh.url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('attempt_not_started');
  });

  it('refuses answers from another browser than the assigned workstation', async () => {
    const s = await running();
    const c = await Client.start(t.app);
    await c.signIn(s.learner.username);
    const off = await c.put(`${s.url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 });
    expect(off.statusCode).toBe(403);
    expect(off.json().error.code).toBe('workstation_unregistered');
    c.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, s.sp.workstations[1]!.id));
    const other = await c.put(`${s.url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('workstation_required');
    expect(await s.stored()).toEqual([]);
  });

  it('resumes after signing in again at the same workstation: same answers, same deadline, time still running', async () => {
    const s = await running();
    await s.save('q4', { choiceIds: ['a', 'd'], flagged: true, seq: 1 });
    // The browser closed: a new session in the same workstation browser.
    const again = await Client.start(t.app);
    again.cookies.set(WORKSTATION_COOKIE, s.browser.cookies.get(WORKSTATION_COOKIE)!);
    await again.signIn(s.learner.username);
    const res = (await again.get(s.url)).json();
    expect(res.state).toBe('in_progress');
    expect(res.deadlineAt).toBe(s.started.deadlineAt);
    expect(res.items).toEqual(s.started.items);
    expect(res.answers).toEqual({ q4: { choiceIds: ['a', 'd'], flagged: true, seq: 1 } });
    expect(new Date(res.deadlineAt).getTime() - new Date(res.serverNow).getTime()).toBeLessThanOrEqual(30 * 60_000);
    expect((await again.put(`${s.url}/answers/q4`, { choiceIds: ['a'], flagged: false, seq: 2 })).statusCode).toBe(200);
  });
});
