import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERY_SERVICE_POINT } from '../../src/server/modules/catalog/admin-scope.js';
import { checkEnrolmentFile } from '../../src/server/modules/catalog/enrolment-lines.js';
import { verifyChain } from '../../src/server/modules/audit/audit.service.js';
import { dbKinds, type DbKind } from '../support/databases.js';
import { makeAdmin, makeServicePoint, makeTraining } from '../support/factories.js';
import { Client, createTestApp } from '../support/test-app.js';

/**
 * « Inscriptions » on large files whose accounts all exist (the 2 MB limit holds about 40,000 lines), found by
 * hand in the hostile pass of 2026-12-07:
 * - each line looked its account up in a list of every account the file names — 20,000 × 20,000 comparisons
 *   on the event loop, half a minute at 40,000 lines, while the learners of the room waited for their saves
 *   (the page checks a file twice, preview then import, and the command line once);
 * - « Importer » wrote the audit rows of every line in one statement: past about 3,600 lines SQLite answered
 *   « too many SQL variables » (500), past about 7,200 PostgreSQL's limit of bind parameters.
 */
async function scene(kind: DbKind, accounts: number) {
  const t = await createTestApp(kind);
  const sp = await makeServicePoint(t.ctx, 'Point Grand');
  const training = await makeTraining(t.ctx);
  const now = t.ctx.now().toISOString();
  await t.ctx.db
    .insertInto('training_service_points')
    .values({ training_id: training.trainingId, service_point_id: sp.id, created_at: now })
    .execute();
  const rows = Array.from({ length: accounts }, (_, i) => ({
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
  const file = (lines: number) =>
    Array.from({ length: lines }, (_, i) => `bulk${i}@example.test;${training.code};Point Grand`).join('\n');
  return { t, sp, training, file };
}

describe('an enrolment file of 20,000 known accounts, checked (the database does not matter: SQLite)', () => {
  let s: Awaited<ReturnType<typeof scene>>;
  beforeAll(async () => {
    s = await scene('sqlite', 20_000);
  }, 120_000);
  afterAll(async () => s.t.close());

  it('is checked in a few seconds at most, not one account search per line', async () => {
    // On SQLite the check's queries are synchronous too: all of it holds the event loop (the room's saves wait).
    const started = performance.now();
    const checked = await checkEnrolmentFile(s.t.ctx, s.file(20_000), {
      requireOffered: true,
      scope: EVERY_SERVICE_POINT,
    });
    const ms = performance.now() - started;
    expect(checked.lines.filter((l) => l.enrolment)).toHaveLength(20_000);
    // About 1 s here (the lookups of 20,000 accounts); the search per line took 9 to 16 s.
    expect(ms).toBeLessThan(4000);
  }, 120_000);
});

describe.each(dbKinds())('« Importer » a file of 8,000 lines on %s', (kind) => {
  let s: Awaited<ReturnType<typeof scene>>;
  let admin: Client;
  beforeAll(async () => {
    s = await scene(kind, 8_000);
    const a = await makeAdmin(s.t.ctx);
    admin = await Client.start(s.t.app);
    await admin.signIn(a.username);
  }, 120_000);
  afterAll(async () => s.t.close());

  it('enrols every line, one audit row each, and the chain still verifies', async () => {
    const res = await admin.post('/api/admin/enrolments/import', {
      fileName: 'grand.csv',
      content: Buffer.from(s.file(8_000)).toString('base64'),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toMatchObject({ enrolled: 8_000, refused: [] });
    const audit = await s.t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'enrolment.created')
      .executeTakeFirstOrThrow();
    expect(Number(audit.n)).toBe(8_000);
    expect(await verifyChain(s.t.ctx)).toMatchObject({ ok: true });
  }, 120_000);
});
