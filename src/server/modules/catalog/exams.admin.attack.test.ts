import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  makeAdmin,
  makeLearner,
  makeManager,
  makeOperator,
  makeServicePoint,
  makeTraining,
  markReady,
  enrol,
} from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { TABLE_OWNERS, type Table } from '../../db/table-owners.js';
import type { ExamDetail, ExamImportReply, ExamTrial } from '../../../shared/api/exams-admin.js';
import { MAX_EXAM_BYTES } from './catalog.admin.schemas.js';

/**
 * « Examens » (issue 16) attacked: every role but the administrator on every route, hostile files through the
 * page's import route, two « Publier » at once, a retired version published, a trial that must write nothing.
 */
const fixture = readFileSync(new URL('../../../../tests/fixtures/qti/premiers-soins-qti3.zip', import.meta.url));
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const yaml = (code: string) =>
  `format: vigie-exam/1
code: ${code}
title: Examen attaqué
duration_minutes: 15
passing_mark: 70
items:
  - id: q1
    type: single
    stem: Couleur du panneau d’arrêt ?
    choices:
      - { id: a, text: Rouge }
      - { id: b, text: Vert }
    correct: a
`;

describe.each(dbKinds())('exams administration attacked on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let draft: ExamImportReply;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const a = await makeAdmin(t.ctx);
    admin = await Client.start(t.app);
    await admin.signIn(a.username);
    const res = await admin.post('/api/admin/exams/import', { fileName: 'a.yaml', content: b64(yaml('EX-ATTAQUE')) });
    expect(res.statusCode, res.body).toBe(200);
    draft = res.json<ExamImportReply>();
  });
  afterAll(async () => t.close());

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of Object.keys(TABLE_OWNERS) as Table[])
      out[table] = Number(
        (
          await t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return out;
  };
  const importing = (fileName: string, content: string, over: Record<string, unknown> = {}) =>
    admin.post('/api/admin/exams/import', { fileName, content, ...over });

  it('refuses the learner, the operator and the manager on every route, keys included', async () => {
    const sp = await makeServicePoint(t.ctx);
    const users = [await makeLearner(t.ctx), await makeOperator(t.ctx, sp.id), await makeManager(t.ctx, sp.id)];
    const v = draft.versionId;
    const routes = [
      ['GET', '/api/admin/exams'],
      ['GET', `/api/admin/exams/${draft.examId}`],
      ['POST', '/api/admin/exams/import'],
      ['POST', `/api/admin/exam-versions/${v}/publish`],
      ['POST', `/api/admin/exam-versions/${v}/retire`],
      ['GET', `/api/admin/exam-versions/${v}/export?format=yaml`],
      ['GET', `/api/admin/exam-versions/${v}/preview`],
      ['GET', `/api/admin/exam-versions/${v}/trial`],
      ['POST', `/api/admin/exam-versions/${v}/trial/score`],
    ] as const;
    const before = await counts();
    for (const u of users) {
      const c = await Client.start(t.app);
      await c.signIn(u.username);
      for (const [method, url] of routes) {
        const payload = url.endsWith('/import')
          ? { fileName: 'a.yaml', content: b64(yaml('EX-INTRUS')) }
          : url.endsWith('/score')
            ? { paper: { items: [{ id: 'q1', choiceOrder: ['a', 'b'] }] }, responses: {} }
            : undefined;
        const r = await c.request({ method, url, ...(payload ? { payload } : {}) });
        expect(r.statusCode, `${u.username} ${method} ${url}`).toBe(403);
        expect(r.body, `${method} ${url}`).not.toMatch(/"correct"|Rouge|Couleur/);
      }
    }
    const anonymous = await Client.start(t.app);
    for (const [method, url] of routes) {
      const r = await anonymous.request({ method, url });
      expect([401, 403], `anonymous ${method} ${url}`).toContain(r.statusCode);
    }
    const after = await counts();
    // Signing in writes sessions and its audit rows; nothing else moved, and no exam action was audited.
    expect({ ...after, sessions: 0, audit_log: 0 }).toEqual({ ...before, sessions: 0, audit_log: 0 });
    const examAudit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'exam%')
      .execute();
    expect(examAudit.map((r) => r.action)).toEqual(['exam.imported']);
    expect(await admin.get(`/api/admin/exam-versions/${v}/preview`).then((r) => r.statusCode)).toBe(200);
  });

  it('a body over the limit is a 413 naming the content; a content one character too long a 400; never a 5xx', async () => {
    const huge = await importing('gros.yaml', 'A'.repeat(Math.ceil(MAX_EXAM_BYTES / 3) * 4 + 128 * 1024));
    expect(huge.statusCode).toBe(413);
    expect(huge.json<{ error: { code: string; field?: string } }>().error).toMatchObject({
      code: 'file_too_large',
      field: 'content',
    });
    const long = await importing('gros.yaml', 'A'.repeat(Math.ceil(MAX_EXAM_BYTES / 3) * 4 + 4));
    expect(long.statusCode).toBe(400);
    expect(long.json<{ error: { field: string } }>().error.field).toBe('content');
  });

  it('refuses hostile files through the page’s import route: 400 naming the content, nothing written, quickly', async () => {
    const qti = unzipSync(fixture);
    const manifest = new TextDecoder().decode(qti['imsmanifest.xml']);
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    let alias = 'format: vigie-exam/1\ncode: EX-BOMBE\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++)
      alias += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    alias += 'title: *a8\n';
    const cases: Array<[string, string]> = [
      ['rires.zip', b64(zipSync({ ...qti, 'imsmanifest.xml': strToU8(manifest.replace(/^<\?xml[^>]*\?>/, laughs)) }))],
      ['traversee.zip', b64(zipSync({ ...qti, '../../etc/passwd': strToU8('root') }))],
      ['alias.yaml', b64(alias)],
      ['profond.json', b64(`{"format":"vigie-exam/1","title":${'['.repeat(200_000)}${']'.repeat(200_000)}}`)],
      ['latin1.yaml', b64(Buffer.from(yaml('EX-LATIN').replace('Examen attaqué', 'Examen \xe9t\xe9'), 'latin1'))],
      ['pas-zip.zip', b64('ceci n’est pas une archive')],
      ['vide.yaml', ''],
    ];
    const before = await counts();
    for (const [name, content] of cases) {
      const started = Date.now();
      const res = await importing(name, content, name.endsWith('.zip') ? { durationMinutes: 20, passingMark: 70 } : {});
      expect(res.statusCode, `${name}: ${res.body.slice(0, 300)}`).toBe(400);
      expect(res.json<{ error: { field: string } }>().error.field, name).toBe('content');
      expect(Date.now() - started, name).toBeLessThan(10_000);
    }
    const notBase64 = await importing('a.yaml', 'ceci n’est pas du base64 !');
    expect(notBase64.statusCode).toBe(400);
    expect(notBase64.json<{ error: { field: string } }>().error.field).toBe('content');
    expect(await counts()).toEqual(before);
  });

  it('a package lacking its settings names the page’s fields, never the command line’s flags, in French and English', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const a = await makeAdmin(t.ctx);
      await t.ctx.db.updateTable('users').set({ language: lang }).where('id', '=', a.id).execute();
      const c = await Client.start(t.app, lang);
      await c.signIn(a.username);
      const res = await c.post('/api/admin/exams/import', { fileName: 'premiers-soins.zip', content: b64(fixture) });
      expect(res.statusCode).toBe(400);
      const messages = res
        .json<{ error: { details: { problems: { message: string }[] } } }>()
        .error.details.problems.map((p) => p.message);
      expect(messages.join('\n')).not.toMatch(/--duration|--passing-mark|ajoutez|add --/);
      expect(messages).toEqual(
        lang === 'fr'
          ? [
              expect.stringMatching(/ne donne pas de durée .* : indiquez-la en minutes dans « Durée \(minutes\) »\.$/),
              expect.stringMatching(
                /note de passage .* : indiquez-la en pourcentage dans « Note de passage \(%\) »\.$/,
              ),
            ]
          : [
              expect.stringMatching(/gives no duration .*: give it in minutes in “Duration \(minutes\)”\.$/),
              expect.stringMatching(/passing mark .*: give it as a percentage in “Passing mark \(%\)”\.$/),
            ],
      );
    }
  });

  it('two « Publier » at once leave exactly one published version; a database constraint forbids two', async () => {
    const tr = await makeTraining(t.ctx);
    const code = `EX-${tr.code}`;
    const drafts: ExamImportReply[] = [];
    for (const n of [1, 2]) {
      const r = await importing(`v${n}.yaml`, b64(yaml(code).replace('Examen attaqué', `Version ${n}`)));
      expect(r.statusCode, r.body).toBe(200);
      drafts.push(r.json<ExamImportReply>());
    }
    const other = await Client.start(t.app);
    const a2 = await makeAdmin(t.ctx);
    await other.signIn(a2.username);
    const replies = await Promise.all([
      admin.post(`/api/admin/exam-versions/${drafts[0]!.versionId}/publish`),
      other.post(`/api/admin/exam-versions/${drafts[1]!.versionId}/publish`),
      admin.post(`/api/admin/exam-versions/${drafts[0]!.versionId}/publish`),
    ]);
    for (const r of replies) expect([200, 409], r.body).toContain(r.statusCode);
    const versions = await t.ctx.db
      .selectFrom('exam_versions')
      .select(['id', 'state'])
      .where('exam_id', '=', tr.examId)
      .execute();
    const published = versions.filter((v) => v.state === 'published');
    expect(published).toHaveLength(1);
    const exam = await t.ctx.db
      .selectFrom('exams')
      .select('current_version_id')
      .where('id', '=', tr.examId)
      .executeTakeFirstOrThrow();
    expect(exam.current_version_id).toBe(published[0]!.id);
    // Whatever the code does, the database itself refuses a second published version of one exam.
    const retired = versions.find((v) => v.state !== 'published')!;
    await expect(
      t.ctx.db.updateTable('exam_versions').set({ state: 'published' }).where('id', '=', retired.id).execute(),
    ).rejects.toThrow();
  });

  it('a retired version is never published again, and the desk never offers a draft or a retired version', async () => {
    const tr = await makeTraining(t.ctx);
    const retire = await admin.post(`/api/admin/exam-versions/${tr.versionId}/retire`);
    expect(retire.statusCode, retire.body).toBe(200);
    const again = await admin.post(`/api/admin/exam-versions/${tr.versionId}/publish`);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string; field: string } }>().error).toMatchObject({
      code: 'exam_version_not_draft',
      field: 'versionId',
    });
    const d = (await admin.get(`/api/admin/exams/${tr.examId}`)).json<ExamDetail>();
    expect(d.currentVersionId).toBeNull();
    expect(d.versions.map((v) => v.state)).toEqual(['retired']);
  });

  it('the desk never offers a draft: its title is not shown and « Autoriser l’examen » is refused', async () => {
    const sp = await makeServicePoint(t.ctx);
    const tr = await makeTraining(t.ctx);
    const learner = await makeLearner(t.ctx);
    const op = await makeOperator(t.ctx, sp.id);
    await enrol(t.ctx, learner.id, tr.trainingId, sp.id);
    await markReady(t.ctx, learner.id, sp.id, op.id);
    expect((await admin.post(`/api/admin/exam-versions/${tr.versionId}/retire`)).statusCode).toBe(200);
    const imported = await importing(
      'brouillon.yaml',
      b64(yaml(`EX-${tr.code}`).replace('Examen attaqué', 'Brouillon secret')),
    );
    expect(imported.json<ExamImportReply>()).toMatchObject({ state: 'draft', version: 2 });

    const operator = await Client.start(t.app);
    await operator.signIn(op.username);
    await operator.post('/api/desk/service-point', { servicePointId: sp.id });
    const file = await operator.get(`/api/desk/learners/${learner.id}`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.body).not.toContain('Brouillon secret');
    const before = await counts();
    const refused = await operator.post(`/api/desk/learners/${learner.id}/authorizations`, {
      examId: tr.examId,
      workstationId: sp.workstations[0]!.id,
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json<{ error: { code: string; field: string } }>().error).toMatchObject({
      code: 'not_enrolled',
      field: 'examId',
    });
    expect(await counts()).toEqual(before);
  });

  it('« Essayer l’examen » scored writes not one row in any table; unknown choices and items are 400', async () => {
    const trial = (await admin.get(`/api/admin/exam-versions/${draft.versionId}/trial`)).json<ExamTrial>();
    const url = `/api/admin/exam-versions/${draft.versionId}/trial/score`;
    const before = await counts();
    const ok = await admin.post(url, { paper: trial.paper, responses: { q1: ['a'] } });
    expect(ok.statusCode, ok.body).toBe(200);
    for (const [responses, field] of [
      [{ q1: ['z'] }, 'responses.q1'],
      [{ q1: ['a', 'a'] }, 'responses.q1'],
      [{ q9: ['a'] }, 'responses.q9'],
    ] as const) {
      const r = await admin.post(url, { paper: trial.paper, responses });
      expect(r.statusCode, JSON.stringify(responses)).toBe(400);
      expect(r.json<{ error: { field: string } }>().error.field).toBe(field);
    }
    // A paper holding an item twice, or missing one of its choices.
    for (const items of [[...trial.paper.items, ...trial.paper.items], [{ id: 'q1', choiceOrder: ['a'] }]]) {
      const r = await admin.post(url, { paper: { items }, responses: {} });
      expect(r.statusCode, JSON.stringify(items)).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });
});
