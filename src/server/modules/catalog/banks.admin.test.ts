import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeAdmin, makeLearner, makeTraining } from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { BankImportReply, ImportRefusalDetails } from '../../../shared/api/exams-admin.js';
import { choiceItem } from './qti/conformance/package.test-support.js';

/** A package of items without a test (an item bank); `broken` items are cut short (not well-formed XML). */
function bankPackage(ids: string[], broken: string[] = []): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const resources = [...ids, ...broken].map((id) => {
    const xml = choiceItem(id, { before: `<p>Quelle réponse ? (${id})</p>` });
    files[`items/${id}.xml`] = strToU8(broken.includes(id) ? xml.slice(0, xml.length - 40) : xml);
    return `<resource identifier="R-${id}" type="imsqti_item_xmlv3p0" href="items/${id}.xml"><file href="items/${id}.xml"/></resource>`;
  });
  files['imsmanifest.xml'] = strToU8(
    `<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><resources>${resources.join('')}</resources></manifest>`,
  );
  return zipSync(files);
}
const body = (training: string, bytes: Uint8Array, fileName = 'banque.zip') => ({
  training,
  fileName,
  content: Buffer.from(bytes).toString('base64'),
});

/** « Examens » › « Importer dans la banque de questions » through HTTP: the reader of `vigie bank import`. */
describe.each(dbKinds())('bank import by the administration on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let training: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await Client.start(t.app);
    await admin.signIn((await makeAdmin(t.ctx)).username);
    training = (await makeTraining(t.ctx)).code;
  });
  afterAll(async () => t.close());

  const rows = async (table: 'bank_items' | 'audit_log') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports the items into the training’s bank, audited as bank.imported; again, nothing changes', async () => {
    const res = await admin.post('/api/admin/exams/bank-import', body(training, bankPackage(['b1', 'b2', 'b3'])));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<BankImportReply>()).toEqual({
      trainingCode: training,
      items: 3,
      added: 3,
      replaced: 0,
      unchanged: 0,
    });
    expect(await rows('bank_items')).toBe(3);
    const again = await admin.post('/api/admin/exams/bank-import', body(training, bankPackage(['b1', 'b2', 'b3'])));
    expect(again.json<BankImportReply>()).toMatchObject({ added: 0, unchanged: 3 });
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select(['payload', 'actor_id'])
      .where('action', '=', 'bank.imported')
      .orderBy('id')
      .execute();
    expect(audited).toHaveLength(2);
    expect(audited[0]!.actor_id).not.toBeNull();
    expect(JSON.parse(audited[0]!.payload)).toMatchObject({ trainingCode: training, fileName: 'banque.zip', added: 3 });
  });

  it('refuses a package with broken items, every problem at once with its file and line, writing nothing', async () => {
    const before = [await rows('bank_items'), await rows('audit_log')];
    const res = await admin.post('/api/admin/exams/bank-import', body(training, bankPackage(['b9'], ['x1', 'x2'])));
    expect(res.statusCode).toBe(400);
    const { problems } = res.json<{ error: { details: ImportRefusalDetails } }>().error.details;
    expect(problems.map((p) => p.file)).toEqual(['banque.zip/items/x1.xml', 'banque.zip/items/x2.xml']);
    expect(problems.every((p) => typeof p.line === 'number')).toBe(true);
    expect(res.json<{ error: { field: string } }>().error.field).toBe('content');
    expect([await rows('bank_items'), await rows('audit_log')]).toEqual(before);
  });

  it('names the field: an unknown training, a file that is not base64; 403 for a learner', async () => {
    const unknown = await admin.post('/api/admin/exams/bank-import', body('INCONNUE', bankPackage(['b1'])));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { field: string } }>().error.field).toBe('training');
    const bad = await admin.post('/api/admin/exams/bank-import', { training, fileName: 'b.zip', content: '%%%' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { field: string } }>().error.field).toBe('content');
    const learner = await Client.start(t.app);
    await learner.signIn((await makeLearner(t.ctx)).username);
    const refused = await learner.post('/api/admin/exams/bank-import', body(training, bankPackage(['b1'])));
    expect(refused.statusCode).toBe(403);
  });
});
