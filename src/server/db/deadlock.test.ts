import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../tests/support/databases.js';
import { createTestApp, type TestApp } from '../../../tests/support/test-app.js';
import { registerErrorHandler } from '../http/errors.js';
import { databaseTrouble } from './errors.js';
import { retryingConflicts } from './retry.js';

/**
 * Two transactions that each lock one row, then the other's: PostgreSQL finds the deadlock (after its
 * `deadlock_timeout`, 1 s) and fails one of them with 40P01. `run` wraps each transaction (e.g. in a retry).
 */
async function deadlock(t: TestApp, run: <T>(tx: () => Promise<T>) => Promise<T>) {
  let bothHoldOne!: () => void;
  let held = 0;
  const ready = new Promise<void>((resolve) => (bothHoldOne = resolve));
  const runs = { a: 0, b: 0 };
  const side = (name: 'a' | 'b', first: string, second: string) =>
    run(() =>
      t.ctx.db.transaction().execute(async (trx) => {
        runs[name]++;
        await trx.updateTable('instance_heartbeats').set({ beat_at: name }).where('instance_id', '=', first).execute();
        // Only the first run of each meets the other: a retried run finds the other side finished or waiting.
        if (runs[name] === 1) {
          if (++held === 2) bothHoldOne();
          await ready;
        }
        await trx.updateTable('instance_heartbeats').set({ beat_at: name }).where('instance_id', '=', second).execute();
      }),
    );
  const outcomes = await Promise.allSettled([side('a', 'row-1', 'row-2'), side('b', 'row-2', 'row-1')]);
  return { outcomes, runs };
}

describe.runIf(dbKinds().includes('postgres'))('a deadlock on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('postgres');
    await t.ctx.db
      .insertInto('instance_heartbeats')
      .values(['row-1', 'row-2'].map((id) => ({ instance_id: id, started_at: 'x', beat_at: 'x' })))
      .execute();
  });
  afterAll(() => t.close());

  it('is answered 503 database_busy with Retry-After, never 500', async () => {
    const { outcomes } = await deadlock(t, (tx) => tx());
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    const err = failed[0]!.reason as { code?: string };
    expect(err.code).toBe('40P01');
    expect(databaseTrouble(err)).toBe('database_busy');
    // Through the app's error handler, as a request meeting it would be answered.
    const app = Fastify();
    registerErrorHandler(app);
    app.get('/deadlock', () => Promise.reject(err));
    const res = await app.inject({ method: 'GET', url: '/deadlock' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.json()).toMatchObject({ error: { code: 'database_busy' } });
    await app.close();
  });

  it('a whole transaction retried from the start goes through after it', async () => {
    const { outcomes, runs } = await deadlock(t, (tx) => retryingConflicts(tx));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    // One side was chosen as the victim and ran again; both wrote both rows.
    expect(runs.a + runs.b).toBe(3);
  });
});
