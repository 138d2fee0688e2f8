import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { learnerEnrolledAt, openDesk } from '../../../../tests/support/desk.js';
import type { Client, TestApp } from '../../../../tests/support/test-app.js';
import { benchLearner, insertBenchLearners } from '../../../../tests/load/load-support.js';

/** « Rechercher un apprenant » as an operator types it: punctuation folded, an e-mail found by any part of it. */
describe.each(dbKinds())('desk search on %s', (kind) => {
  let t: TestApp;
  let op: Client;
  const usernames: Record<string, string> = {};

  beforeAll(async () => {
    const desk = await openDesk(kind);
    t = desk.t;
    op = desk.op;
    for (const [first, last] of [
      ['Luc', 'D’Amour'],
      ['Jean', 'Sainte-Marie'],
      ['Marie', 'Tremblay'],
      ['Pierre', 'St-Pierre'],
      ['Amour', 'Bouchard'],
    ] as const)
      usernames[last] = (await learnerEnrolledAt(t.ctx, desk.sp.id, first, last)).username;
  });
  afterAll(async () => t.close());

  const found = async (q: string) => {
    const res = await op.get(`/api/desk/learners?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    return (res.json() as { learners: { lastName: string }[] }).learners.map((l) => l.lastName);
  };

  it('folds apostrophes: « D’Amour » by a straight one, a curly one, or none', async () => {
    for (const q of ["d'amour", 'd’amour', 'damour', 'D’AMOUR', "D' Amour", 'luc damour'])
      expect(await found(q), q).toEqual(['D’Amour']);
  });

  it('folds hyphens and spaces: « Sainte-Marie » by « Sainte Marie » and « saintemarie »', async () => {
    for (const q of ['Sainte Marie', 'saintemarie', 'sainte-marie', 'SAINTE', 'jean sainte marie'])
      expect(await found(q), q).toEqual(['Sainte-Marie']);
    expect(await found('st pierre')).toEqual(['St-Pierre']);
    expect(await found('marie')).toEqual(['Tremblay']);
  });

  it('finds an e-mail by any part of it, not only its beginning', async () => {
    // The user names end with a random part: the middle of it, or its end joined to the domain, is this one's only.
    const username = usernames['Sainte-Marie']!;
    const email = `${username}@example.test`;
    for (const q of [email, email.slice(5), username.slice(-5, -1), `${username.slice(-3)}@EXAMPLE`])
      expect(await found(q), q).toEqual(['Sainte-Marie']);
    // Every learner here shares the domain: all of them, in name order.
    expect(await found('example.test')).toEqual(['Bouchard', 'D’Amour', 'Sainte-Marie', 'St-Pierre', 'Tremblay']);
    expect(await found('zzz@example')).toEqual([]);
  });

  it('a first name begins a match too, in name order with the other fields', async () => {
    expect(await found('amour')).toEqual(['Bouchard']);
    expect(await found('bou')).toEqual(['Bouchard']);
    expect(await found('pierre')).toEqual(['St-Pierre']);
  });

  it('a word inside more e-mails than it sorts in memory (3,000) walks the learners instead, and answers', async () => {
    // 3,001 accounts whose e-mail holds « exemple » (not enrolled here: the walk finds none of them, and must say so).
    // Red before: the walk's subquery had OFFSET without LIMIT, which SQLite refuses — a 500.
    const at = t.ctx.now().toISOString();
    const learners = Array.from({ length: 3001 }, (_, i) => benchLearner(900_000 + i, 'not-a-hash', at));
    await t.ctx.db.transaction().execute((trx) => insertBenchLearners(trx, learners));
    expect(await found('exemple')).toEqual([]);
  });
});
