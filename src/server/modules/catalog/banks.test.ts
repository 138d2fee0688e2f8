import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeTraining } from '../../../../tests/support/factories.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { DomainError } from '../../errors.js';
import { drawPaper } from '../attempts/paper.js';
import { importBank, listBank } from './banks.service.js';
import { currentVersionOf } from './catalog.service.js';
import { definitionOf, exportExam, importExam, importExams, readExamDefinition } from './exams.service.js';
import { problemMessages } from './import-problems.js';
import { choiceItem } from './qti/conformance/package.test-support.js';

/** A package of items without a test: what an item bank comes as. */
function bankPackage(ids: string[], stem = 'Quelle réponse ?'): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const resources = ids.map((id) => {
    files[`items/${id}.xml`] = strToU8(choiceItem(id, { before: `<p>${stem} (${id})</p>` }));
    return `<resource identifier="R-${id}" type="imsqti_item_xmlv3p0" href="items/${id}.xml"><file href="items/${id}.xml"/></resource>`;
  });
  files['imsmanifest.xml'] = strToU8(
    `<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><resources>${resources.join('')}</resources></manifest>`,
  );
  return zipSync(files);
}

const bankExam = (training: string, code: string, sections: string) => `format: vigie-exam/1
code: ${code}
title: Examen tiré de la banque
duration_minutes: 20
passing_mark: 70
shuffle_choices: true
bank: ${training}
sections:
${sections}
items:
  - id: propre
    type: true_false
    stem: Une question du fichier
    correct: true
`;

const source = (name: string, text: string) => ({ name, bytes: Buffer.from(text) });

describe.each(dbKinds())('item banks on %s', (kind) => {
  let t: TestApp;
  let training: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    training = (await makeTraining(t.ctx)).code;
  });
  afterAll(async () => t.close());

  const rows = async (table: 'bank_items' | 'exams' | 'audit_log') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports a package of items without a test into the training’s bank, audited; again replaces by id', async () => {
    const first = await importBank(
      t.ctx,
      training,
      { name: 'banque.zip', bytes: bankPackage(['b1', 'b2', 'b3', 'b4']) },
      { actorId: null },
    );
    expect(first).toMatchObject({ added: 4, replaced: 0, unchanged: 0, items: 4 });
    const again = await importBank(
      t.ctx,
      training,
      { name: 'banque-2.zip', bytes: bankPackage(['b4', 'b5']) },
      { actorId: null },
    );
    expect(again).toMatchObject({ added: 1, replaced: 0, unchanged: 1 });
    const changed = await importBank(
      t.ctx,
      training,
      { name: 'banque-3.zip', bytes: bankPackage(['b5'], 'Autre énoncé') },
      { actorId: null },
    );
    expect(changed).toMatchObject({ added: 0, replaced: 1 });
    const bank = await listBank(t.ctx, training);
    expect(bank.map((b) => b.item.id)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
    expect(bank.find((b) => b.item.id === 'b5')).toMatchObject({ source: 'banque-3.zip' });
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'bank.imported')
      .orderBy('id')
      .execute();
    expect(audits).toHaveLength(3);
  });

  it('refuses a broken package or an unknown training, writing nothing', async () => {
    const before = { bank: await rows('bank_items'), audit: await rows('audit_log') };
    await expect(
      importBank(t.ctx, 'NOPE', { name: 'b.zip', bytes: bankPackage(['z1']) }, { actorId: null }),
    ).rejects.toMatchObject({ code: 'unknown_training' });
    const err = await importBank(
      t.ctx,
      training,
      { name: 'b.zip', bytes: strToU8('pas un zip') },
      { actorId: null },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('import_invalid');
    expect({ bank: await rows('bank_items'), audit: await rows('audit_log') }).toEqual(before);
  });

  it('builds an exam from the bank by sections: ids, or all with a draw count; the version keeps its copy', async () => {
    const yaml = bankExam(
      training,
      'EX-BANQUE',
      `  - id: choisies
    title: Choisies
    bank: [b1, b2]
    parts: []
  - id: tirage
    select: 2
    shuffle: true
    bank: all`,
    );
    // parts and bank together are refused.
    const refused = await importExam(t.ctx, source('e.yaml', yaml), { actorId: null, lang: 'en' }).catch((e: unknown) =>
      problemMessages(e as DomainError),
    );
    expect(String(refused)).toContain('a section has parts or draws from the bank, not both');
    const ok = yaml.replace('    parts: []\n', '');
    const withOwn = ok.replace('    bank: all', '    bank: [b3, b4, b5]\n  - id: fichier\n    parts: [propre]');
    const saved = await importExam(t.ctx, source('e.yaml', withOwn), { actorId: null });
    expect(saved).toMatchObject({ outcome: 'created', items: 6 });
    const version = await currentVersionOf(t.ctx, saved.examId);
    expect(version!.content.items.map((i) => i.id)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'propre']);
    expect(version!.content.sections!.map((s) => s.id)).toEqual(['choisies', 'tirage', 'fichier']);
    const paper = drawPaper(version!.content, version!);
    expect(paper.items).toHaveLength(5);
    expect(paper.items.slice(0, 2).map((i) => i.id)).toEqual(['b1', 'b2']);
    expect(paper.items[4]!.id).toBe('propre');

    // The bank changes; the version does not. Its export reads back as the same exam (sections with the copies).
    await importBank(t.ctx, training, { name: 'n.zip', bytes: bankPackage(['b1'], 'Changée') }, { actorId: null });
    const again = await currentVersionOf(t.ctx, saved.examId);
    expect(again!.content.items[0]!.stem.fr).toBe('Quelle réponse ? (b1)');
    for (const format of ['yaml', 'qti3', 'qti21'] as const) {
      const out = await exportExam(t.ctx, 'EX-BANQUE', format);
      const back = readExamDefinition({ name: `x.${out.extension}`, bytes: out.bytes });
      expect(back.content).toEqual(definitionOf(again!).content);
    }
  });

  it('refuses a bank item the bank does not hold, or an unknown training, naming them', async () => {
    const said = await importExam(
      t.ctx,
      source('e.yaml', bankExam(training, 'EX-B2', `  - id: s\n    bank: [b1, b77]`)),
      { actorId: null, lang: 'en' },
    ).catch((e: unknown) => problemMessages(e as DomainError));
    expect(String(said)).toContain('the bank has no item « b77 »');
    const unknown = await importExam(
      t.ctx,
      source('e.yaml', bankExam('INCONNUE', 'EX-B3', `  - id: s\n    bank: all`)),
      { actorId: null, lang: 'en' },
    ).catch((e: unknown) => problemMessages(e as DomainError));
    expect(String(unknown)).toContain('unknown training: « INCONNUE »');
  });

  it('imports each test of a package as its own exam, all or nothing', async () => {
    const exams = await rows('exams');
    const out = await exportExam(t.ctx, 'EX-BANQUE', 'qti3');
    // Two tests: the exported one and a copy under another code.
    const { unzipSync } = await import('fflate');
    const files = unzipSync(out.bytes);
    const test = Buffer.from(files['assessment.xml']!).toString('utf8');
    files['second.xml'] = strToU8(test.replace('identifier="EX-BANQUE"', 'identifier="EX-BANQUE-2"'));
    const manifest = Buffer.from(files['imsmanifest.xml']!).toString('utf8');
    files['imsmanifest.xml'] = strToU8(
      manifest.replace(
        '<resources>',
        '<resources><resource identifier="T2" type="imsqti_test_xmlv3p0" href="second.xml"><file href="second.xml"/></resource>',
      ),
    );
    const saved = await importExams(t.ctx, { name: 'deux.zip', bytes: zipSync(files) }, { actorId: null });
    expect(saved.map((s) => [s.code, s.outcome])).toEqual([
      ['EX-BANQUE-2', 'created'],
      ['EX-BANQUE', 'unchanged'],
    ]);
    expect(await rows('exams')).toBe(exams + 1);
  });
});
