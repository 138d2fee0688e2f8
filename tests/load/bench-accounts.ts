/**
 * `npx tsx tests/load/bench-accounts.ts`: the same 200,000 learners as bench-search.ts, then the latency of
 * « Comptes » / « Opérateurs » account searches (`GET /api/admin/accounts`, any account by name, e-mail or user
 * code) by an administrator, through the real HTTP route, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
 * Target: p95 < 30 ms.
 */
import { makeAdmin } from '../support/factories.js';
import { benchSearches } from './search-bench.js';

await benchSearches({
  title: '« Comptes » account search through HTTP, one administrator, sequential requests',
  env: { NODE_ENV: 'test' },
  searcher: (ctx) => makeAdmin(ctx),
  words: [
    '',
    'trem',
    'Tremblay',
    'genevieve',
    'GENEVIÈVE',
    'lavigne genevieve',
    'u1234',
    'u19',
    'st-p',
    'côté',
    'e',
    'zo',
    'nguyen',
    'sainte',
  ],
  path: (q, page, i) =>
    `/api/admin/accounts?q=${encodeURIComponent(q)}&page=${page}${i % 3 === 2 ? '&sort=created' : ''}`,
});
