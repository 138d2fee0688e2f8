import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeLearner, makeServicePoint, makeTraining } from '../../../../tests/support/factories.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { newId } from '../../crypto.js';
import type { CatalogScope } from './admin-scope.js';
import { listEnrolments, type EnrolmentFilter, type EnrolmentSort } from './enrolment-list.repo.js';

/**
 * « Inscriptions »' list reads a page by several strategies (a search's matches read and sorted, or the enrolments
 * walked in order; names walked on SQLite; per training on PostgreSQL): every sort, direction, filter and search gives
 * the rows of the list's definition, in its order, page after page — whichever strategy answers (`sortCap` 1 makes
 * every search walk). Green on the queries before the strategies (admin.repo.ts's single query) and after.
 */
describe.each(dbKinds())('« Inscriptions », the same rows in the same order (%s)', (kind) => {
  let t: TestApp;
  interface Row {
    id: string;
    user: { id: string; last: string; first: string; user_code: string; words: string[] };
    training: { id: string; code: string };
    servicePointId: string;
    created_at: string;
  }
  const rows: Row[] = [];
  let points: string[] = [];
  let trainings: { id: string; code: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    points = [
      (await makeServicePoint(t.ctx)).id,
      (await makeServicePoint(t.ctx)).id,
      (await makeServicePoint(t.ctx)).id,
    ];
    trainings = [];
    for (let i = 0; i < 2; i++) {
      const tr = await makeTraining(t.ctx);
      trainings.push({ id: tr.trainingId, code: tr.code });
    }
    const names: [string, string, string?][] = [
      ['Marie', 'Tremblay'],
      ['Marie', 'Tremblay'],
      ['Éric', 'Tremblay'],
      ['Trémie', 'Gagnon', 'gagnon'],
      ['Émile', 'Côté'],
      ['Anne', 'Roy', 'tremblant'],
      ['Marc', 'Trembley'],
      ['Étienne', 'Lavoie'],
      ['Zoé', 'Tremblay-Roy'],
      ['Marie', 'Gagné'],
      ['Luc', 'Émond'],
      ['Ève', 'Tremblay'],
    ];
    for (const [i, [first, last, login]] of names.entries()) {
      const l = await makeLearner(t.ctx, {
        firstName: first,
        lastName: last,
        username: `${login ?? 'apprenant'}${i}${Math.random().toString(36).slice(2, 6)}`,
      });
      const u = await t.ctx.db
        .selectFrom('users')
        .select(['search_last', 'search_first', 'email_lower', 'user_code'])
        .where('id', '=', l.id)
        .executeTakeFirstOrThrow();
      const user = {
        id: l.id,
        last: u.search_last ?? '',
        first: u.search_first ?? '',
        user_code: u.user_code,
        words: [u.search_last ?? '', u.search_first ?? '', u.email_lower],
      };
      for (const [j, training] of trainings.entries()) {
        if ((i + j) % 3 === 2) continue;
        // Every fourth pair shares its time with the one before: the id decides.
        const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i * 2 + j - (i % 4 === 3 ? 1 : 0))).toISOString();
        const row = { id: newId(), user, training, servicePointId: points[(i + j) % 3]!, created_at: at };
        rows.push(row);
        await t.ctx.db
          .insertInto('enrolments')
          .values({
            id: row.id,
            user_id: user.id,
            training_id: training.id,
            service_point_id: row.servicePointId,
            status: 'in_training',
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
    }
  });
  afterAll(() => t.close());

  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  function expected(f: Omit<EnrolmentFilter, 'offset' | 'limit' | 'sqlite'>) {
    const s = f.desc ? -1 : 1;
    return rows
      .filter(
        (r) =>
          (f.scope.kind === 'all' || f.scope.ids.includes(r.servicePointId)) &&
          (!f.servicePointId || r.servicePointId === f.servicePointId) &&
          (!f.trainingId || r.training.id === f.trainingId) &&
          (!f.userCode || r.user.user_code === f.userCode) &&
          f.words.every((w) => r.user.words.some((v) => v.startsWith(w))),
      )
      .sort((a, b) => {
        const first =
          f.sort === 'learner'
            ? cmp(a.user.last, b.user.last) || cmp(a.user.first, b.user.first) || cmp(a.user.id, b.user.id)
            : f.sort === 'training'
              ? cmp(a.training.code, b.training.code)
              : 0;
        const created = cmp(a.created_at, b.created_at) * (f.sort === 'created' ? s : -1);
        return s * first || created || s * cmp(a.id, b.id);
      })
      .map((r) => r.id);
  }

  it('every sort and filter, page after page, both directions, whichever way the page is read', async () => {
    const all: CatalogScope = { kind: 'all' };
    const filters: Omit<EnrolmentFilter, 'offset' | 'limit' | 'sqlite' | 'sort' | 'desc'>[] = [
      { scope: all, words: [] },
      { scope: all, words: [], servicePointId: points[1] },
      { scope: all, words: [], servicePointId: points[0], trainingId: trainings[1]!.id },
      { scope: all, words: [], trainingId: trainings[0]!.id },
      { scope: { kind: 'servicePoints', ids: [points[0]!, points[2]!] }, words: [] },
      { scope: all, words: ['trem'] },
      { scope: all, words: ['trem'], servicePointId: points[2] },
      { scope: all, words: ['trem', 'ma'] },
      { scope: all, words: ['e'] },
      { scope: all, words: ['tremblay', 'e'] },
      { scope: all, words: ['zzz'] },
      { scope: all, words: [], userCode: rows[5]!.user.user_code },
      { scope: { kind: 'servicePoints', ids: [points[1]!] }, words: ['trem'] },
    ];
    let checked = 0;
    for (const filter of filters)
      for (const sort of ['created', 'learner', 'training'] as EnrolmentSort[])
        for (const desc of [false, true])
          for (const sortCap of [undefined, 1]) {
            const f = { ...filter, sort, desc, sortCap };
            const want = expected(f);
            const seen: string[] = [];
            for (let offset = 0; offset <= want.length; offset += 4) {
              const page = await listEnrolments(t.ctx.db, { ...f, offset, limit: 4, sqlite: kind === 'sqlite' });
              seen.push(...page.map((r) => r.id));
            }
            expect(seen, JSON.stringify({ ...f, scope: f.scope.kind })).toEqual(want);
            checked += want.length;
          }
    expect(checked).toBeGreaterThan(800);
  });

  it('a page carries the learner, the training and the service point', async () => {
    const [first] = await listEnrolments(t.ctx.db, {
      scope: { kind: 'all' },
      words: ['trem', 'ma'],
      sort: 'learner',
      desc: false,
      offset: 0,
      limit: 1,
      sqlite: kind === 'sqlite',
    });
    const row = rows.find((r) => r.id === first?.id)!;
    expect(first).toMatchObject({
      status: 'in_training',
      created_at: row.created_at,
      user_id: row.user.id,
      first_name: 'Marie',
      last_name: 'Tremblay',
      user_code: row.user.user_code,
      training_id: row.training.id,
      training_code: row.training.code,
      service_point_id: row.servicePointId,
    });
  });
});
