import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERY_SERVICE_POINT } from '../../src/server/modules/catalog/admin-scope.js';
import { checkEnrolmentFile } from '../../src/server/modules/catalog/enrolment-lines.js';
import { makeServicePoint, makeTraining } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * « Inscriptions » on a file of 20,000 lines whose accounts all exist (the 2 MB limit holds about 40,000):
 * found by hand in the hostile pass of 2026-12-07, each line looked its account up in a list of every account
 * the file names — 20,000 × 20,000 comparisons on the event loop, half a minute at 40,000 lines, while the
 * learners of the room waited for their saves. The page's import is checked the same way, twice (preview,
 * then import), and the command line's. The database does not matter here: SQLite only.
 */
const LINES = 20_000;

describe('an enrolment file of 20,000 known accounts', () => {
  let t: TestApp;
  let training: Awaited<ReturnType<typeof makeTraining>>;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const sp = await makeServicePoint(t.ctx, 'Point Grand');
    training = await makeTraining(t.ctx);
    await t.ctx.db
      .insertInto('training_service_points')
      .values({ training_id: training.trainingId, service_point_id: sp.id, created_at: t.ctx.now().toISOString() })
      .execute();
    const now = t.ctx.now().toISOString();
    const rows = Array.from({ length: LINES }, (_, i) => ({
      id: `bulk-${i}`,
      username: `bulk${i}`,
      username_lower: `bulk${i}`,
      email: `bulk${i}@example.test`,
      email_lower: `bulk${i}@example.test`,
      password_hash: 'x',
      user_code: `B${String(i).padStart(7, '0')}`,
      first_name: 'Bulk',
      last_name: `N${i}`,
      language: 'fr' as const,
      notify_email: 0 as const,
      is_admin: 0 as const,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await t.ctx.db
        .insertInto('users')
        .values(rows.slice(i, i + 500))
        .execute();
  }, 120_000);
  afterAll(async () => t.close());

  it('is checked in a few seconds at most, not one account search per line', async () => {
    const text = Array.from({ length: LINES }, (_, i) => `bulk${i}@example.test;${training.code};Point Grand`).join(
      '\n',
    );
    // On SQLite the check's queries are synchronous too: all of it holds the event loop (the room's saves wait).
    const started = performance.now();
    const checked = await checkEnrolmentFile(t.ctx, text, { requireOffered: true, scope: EVERY_SERVICE_POINT });
    const ms = performance.now() - started;
    expect(checked.lines.filter((l) => l.enrolment)).toHaveLength(LINES);
    // About 1 s here (the lookups of 20,000 accounts); the search per line took 10 to 16 s.
    expect(ms).toBeLessThan(4000);
  }, 120_000);
});
