import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../tests/support/attempts.js';
import { followCsrfCookie } from '../../../../tests/fuzz/clients.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { writeAnswer } from './answers.writer.js';

/**
 * A sequence number names one change. The same number again with the same answer is a retry (200,
 * duplicate); with a different answer it is another change that collided with the first (two tabs, a page
 * that lost its storage): 409 `sequence_conflict`, so the page sends it again under a new number instead of
 * being told « saved » while its answer was dropped (issue 14).
 */
describe.each(dbKinds())('a repeated sequence number on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  async function running() {
    const s = await learnerAtWorkstation(t);
    followCsrfCookie(s.browser);
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    const save = (itemId: string, body: unknown) => s.browser.put(`${s.url}/answers/${itemId}`, body);
    const stored = () =>
      t.ctx.db
        .selectFrom('answers')
        .select(['item_id', 'response', 'flagged', 'seq'])
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
    return { ...s, save, stored };
  }

  it('with a different answer is a 409 sequence_conflict, and the saved answer stays', async () => {
    const s = await running();
    expect((await s.save('q1', { choiceIds: ['a'], flagged: false, seq: 3 })).statusCode).toBe(200);
    const other = await s.save('q1', { choiceIds: ['b'], flagged: false, seq: 3 });
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json().error).toMatchObject({
      code: 'sequence_conflict',
      field: 'seq',
      details: { savedSeq: 3, lastSeq: 3 },
    });
    const flagged = await s.save('q1', { choiceIds: ['a'], flagged: true, seq: 3 });
    expect(flagged.statusCode).toBe(409);
    expect(await s.stored()).toEqual([{ item: 'q1', choices: ['a'], flagged: false, seq: 3 }]);
    // Sent again under a higher number, the page's answer is saved.
    expect((await s.save('q1', { choiceIds: ['b'], flagged: false, seq: 4 })).statusCode).toBe(200);
    expect(await s.stored()).toEqual([{ item: 'q1', choices: ['b'], flagged: false, seq: 4 }]);
  });

  it('with the same answer is still a duplicate (an idempotent retry), in any order of the choices', async () => {
    const s = await running();
    expect((await s.save('q3', { choiceIds: ['a', 'b'], flagged: true, seq: 2 })).statusCode).toBe(200);
    const again = await s.save('q3', { choiceIds: ['a', 'b'], flagged: true, seq: 2 });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, seq: 2 });
    const reordered = await s.save('q3', { choiceIds: ['b', 'a'], flagged: true, seq: 2 });
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json()).toMatchObject({ duplicate: true });
  });

  it('two different answers under one number in one batch: the first is saved, the second conflicts', async () => {
    const s = await running();
    const base = { attemptId: s.attemptId, itemId: 'q1', flagged: false, seq: 5 };
    // Submitted in the same turn of the event loop, both go in one batch (the batch's transaction path).
    const [first, second] = await Promise.all([
      writeAnswer(t.ctx, { ...base, response: JSON.stringify(['a']) }),
      writeAnswer(t.ctx, { ...base, response: JSON.stringify(['c']) }),
    ]);
    expect(first.kind).toBe('saved');
    expect(second).toMatchObject({ kind: 'conflict', savedSeq: 5 });
    expect(await s.stored()).toEqual([{ item: 'q1', choices: ['a'], flagged: false, seq: 5 }]);
  });
});
