/**
 * `npm run bench:search`: fills 200,000 learners (enrolled at one service point, plus noise at another),
 * then measures the latency of « Liste des apprenants » searches through the real HTTP route, on SQLite
 * and (when TEST_DATABASE_URL or BENCH_DATABASE_URL is set) on PostgreSQL. Target: p95 < 30 ms.
 */
import { makeOperator } from '../support/factories.js';
import { benchSearches } from './search-bench.js';

await benchSearches({
  title: '« Liste des apprenants » search through HTTP, one operator, sequential requests',
  env: { NODE_ENV: process.env.BENCH_ENV ?? 'test', LOG_LEVEL: process.env.BENCH_LOG ?? 'silent' },
  searcher: (ctx, servicePointId) => makeOperator(ctx, servicePointId),
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
    'Sainte Marie',
    'st pierre',
    'exemple',
    'genevieve@exemple',
    '234',
    '0.gen',
  ],
  path: (q, page) => `/api/desk/learners?q=${encodeURIComponent(q)}&page=${page}`,
});
