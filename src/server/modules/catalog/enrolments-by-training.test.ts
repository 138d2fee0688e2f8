import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeAdmin, makeLearner, makeServicePoint, makeTraining } from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { newId } from '../../crypto.js';

/**
 * « Inscriptions » sorted by training: training code, then newest first, then id (PostgreSQL reads it per
 * training, enrolment-list.repo.ts `pageByTraining`), the same rows and pages on both databases.
 */
describe.each(dbKinds())('« Inscriptions » sorted by training (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('orders by training code, newest first, id as the tie-break, page after page, both directions', async () => {
    const sp = await makeServicePoint(t.ctx, 'Point trié');
    const trainings = [await makeTraining(t.ctx), await makeTraining(t.ctx), await makeTraining(t.ctx)];
    const codes = new Map<string, string>();
    for (const tr of trainings)
      codes.set(
        tr.trainingId,
        (
          await t.ctx.db
            .selectFrom('trainings')
            .select('code')
            .where('id', '=', tr.trainingId)
            .executeTakeFirstOrThrow()
        ).code,
      );
    const rows: { id: string; training_id: string; created_at: string }[] = [];
    for (let i = 0; i < 22; i++) {
      const l = await makeLearner(t.ctx);
      for (const [j, tr] of trainings.entries()) {
        // Every fifth pair shares its time with the one before: the id decides.
        const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i - (i % 5 === 4 ? 1 : 0), j)).toISOString();
        rows.push({ id: newId(), training_id: tr.trainingId, created_at: at });
        await t.ctx.db
          .insertInto('enrolments')
          .values({
            id: rows.at(-1)!.id,
            user_id: l.id,
            training_id: tr.trainingId,
            service_point_id: sp.id,
            status: 'in_training',
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
    }
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = (desc: boolean) =>
      [...rows]
        .sort(
          (a, b) =>
            (desc ? -1 : 1) * cmp(codes.get(a.training_id)!, codes.get(b.training_id)!) ||
            -cmp(a.created_at, b.created_at) ||
            (desc ? -1 : 1) * cmp(a.id, b.id),
        )
        .map((r) => r.id);

    const a = await makeAdmin(t.ctx);
    const admin = await Client.start(t.app);
    await admin.signIn(a.username);
    for (const dir of ['asc', 'desc']) {
      const seen: string[] = [];
      for (let page = 1; page <= 2; page++) {
        const res = await admin.get(
          `/api/admin/enrolments?servicePointId=${sp.id}&sort=training&dir=${dir}&page=${page}`,
        );
        expect(res.statusCode).toBe(200);
        const body = res.json<{ enrolments: { id: string }[]; hasMore: boolean }>();
        expect(body.hasMore).toBe(page === 1);
        seen.push(...body.enrolments.map((e) => e.id));
      }
      expect(seen, dir).toEqual(expected(dir === 'desc'));
    }
  });
});
