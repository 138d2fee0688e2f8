import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeLearner } from '../../../../tests/support/factories.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { searchAccounts } from './accounts.admin.repo.js';

/**
 * « Comptes »' search reads a page by branches (last-name range, one first name at a time, e-mail range or walk):
 * every search gives the accounts of its definition — every word a prefix of the last name, first name or e-mail —
 * in name order (last, first, id), page after page. Green on the branches before the first-name runs and after.
 */
describe.each(dbKinds())('« Comptes », the same accounts in the same order (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const people: [string, string, string?][] = [
      ['Zoé', 'Tremblay'],
      ['Zoé', 'Gagnon'],
      ['Zoé', 'Gagnon'],
      ['Zoël', 'Roy'],
      ['Zora', 'Côté'],
      ['Émile', 'Tremblay'],
      ['Émilie', 'Zorn'],
      ['Éric', 'Tremblay'],
      ['Étienne', 'Lavoie'],
      ['Ève', 'Gagné'],
      ['Geneviève', 'Tremblay'],
      ['Geneviève', 'Bélanger'],
      ['Geneviève', 'Émond'],
      ['Marie', 'Tremblay', 'zorro'],
      ['Luc', 'Ébert', 'eve'],
    ];
    for (const [i, [firstName, lastName, login]] of people.entries())
      await makeLearner(t.ctx, { firstName, lastName, username: `${login ?? 'compte'}${i}` });
  });
  afterAll(() => t.close());

  it('every search, page after page, in name order and newest first (matches sorted or accounts walked)', async () => {
    const users = await t.ctx.db
      .selectFrom('users')
      .select(['id', 'search_last', 'search_first', 'email_lower', 'created_at'])
      .execute();
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = (words: string[], sort: 'name' | 'created') =>
      users
        .filter((u) => words.every((w) => [u.search_last, u.search_first, u.email_lower].some((v) => v?.startsWith(w))))
        .sort((a, b) =>
          sort === 'created'
            ? -cmp(String(a.created_at), String(b.created_at)) || -cmp(a.id, b.id)
            : cmp(a.search_last ?? '', b.search_last ?? '') ||
              cmp(a.search_first ?? '', b.search_first ?? '') ||
              cmp(a.id, b.id),
        )
        .map((u) => u.id);
    let checked = 0;
    for (const words of [['zo'], ['e'], ['genevieve'], ['e', 'tremblay'], ['trem'], ['zoe', 'g'], ['zzz'], ['ev']])
      for (const [sort, sortCap] of [['name'], ['created'], ['created', 1]] as const) {
        const want = expected(words, sort);
        const seen: string[] = [];
        for (let offset = 0; offset <= want.length; offset += 3) {
          const page = await searchAccounts(t.ctx.db, { words, userCode: null, sort, offset, limit: 3, sortCap });
          seen.push(...page.map((u) => u.id));
        }
        expect(seen, `${words.join(' ')} ${sort} ${sortCap}`).toEqual(want);
        checked += want.length;
      }
    expect(checked).toBeGreaterThan(75);
  });
});
