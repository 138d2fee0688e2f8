import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeAdmin, makeLearner, makeServicePoint, makeTraining, enrol } from '../../../../tests/support/factories.js';
import { learnerAtWorkstation } from '../../../../tests/support/attempts.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type {
  ExamDetail,
  ExamImportReply,
  ExamListReply,
  ExamPreview,
  ExamTrial,
  ExamTrialScore,
} from '../../../shared/api/exams-admin.js';
import { enrolmentsAtServicePoint } from './catalog.service.js';

const fixture = readFileSync(new URL('../../../../tests/fixtures/qti/premiers-soins-qti3.zip', import.meta.url));
const body = (bytes: Uint8Array, fileName: string, over: Record<string, unknown> = {}) => ({
  fileName,
  content: Buffer.from(bytes).toString('base64'),
  ...over,
});
const yaml = (code: string, passingMark = 70) =>
  Buffer.from(`format: vigie-exam/1
code: ${code}
title: Examen modifié
duration_minutes: 15
passing_mark: ${passingMark}
items:
  - id: q1
    type: single
    stem: Couleur du panneau d’arrêt ?
    choices:
      - { id: a, text: Rouge }
      - { id: b, text: Vert }
    correct: a
`);

/** « Examens » through HTTP, as an administrator (issue 16): import a draft, preview, try, publish, retire, export. */
describe.each(dbKinds())('exams administration on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const a = await makeAdmin(t.ctx);
    admin = await Client.start(t.app);
    await admin.signIn(a.username);
  });
  afterAll(async () => t.close());

  const count = async (table: 'exam_versions' | 'audit_log' | 'attempts' | 'answers' | 'exams') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const auditOf = async (action: string) =>
    (await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute()).map(
      (r) => JSON.parse(r.payload) as Record<string, unknown>,
    );
  const importFile = async (b: ReturnType<typeof body>) => {
    const res = await admin.post('/api/admin/exams/import', b);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ExamImportReply>();
  };

  let draft: ExamImportReply;

  it('refuses a package lacking its duration and passing mark: every problem with its file, what it lacks, nothing written', async () => {
    const before = [await count('exams'), await count('exam_versions'), await count('audit_log')];
    const res = await admin.post('/api/admin/exams/import', body(fixture, 'premiers-soins.zip'));
    expect(res.statusCode).toBe(400);
    const error = res.json<{
      error: {
        code: string;
        field: string;
        details: { problems: { file: string; message: string }[]; needs: string[] };
      };
    }>().error;
    expect(error.code).toBe('import_invalid');
    expect(error.field).toBe('durationMinutes');
    expect(error.details.needs).toEqual(['durationMinutes', 'passingMark']);
    expect(error.details.problems).toHaveLength(2);
    expect(error.details.problems.every((p) => p.file === 'premiers-soins.zip/assessment.xml')).toBe(true);
    expect(error.details.problems[0]!.message).toMatch(
      /^premiers-soins\.zip\/assessment\.xml : le test ne donne pas de durée/,
    );
    expect([await count('exams'), await count('exam_versions'), await count('audit_log')]).toEqual(before);
  });

  it('says only what is still lacking once the duration is given', async () => {
    const res = await admin.post(
      '/api/admin/exams/import',
      body(fixture, 'premiers-soins.zip', { durationMinutes: 20 }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { field: string; details: { needs: string[] } } }>().error).toMatchObject({
      field: 'passingMark',
      details: { needs: ['passingMark'] },
    });
  });

  it('imports the package as a draft with what it lacked: audited, listed, not the current version', async () => {
    draft = await importFile(body(fixture, 'premiers-soins.zip', { durationMinutes: 20, passingMark: 70 }));
    expect(draft).toMatchObject({
      code: 'EX-PREMIERS-SOINS',
      version: 1,
      outcome: 'created',
      state: 'draft',
      items: 3,
    });
    expect((await auditOf('exam.imported')).at(-1)).toEqual({
      examCode: 'EX-PREMIERS-SOINS',
      version: 1,
      state: 'draft',
    });

    const again = await importFile(body(fixture, 'premiers-soins.zip', { durationMinutes: 20, passingMark: 70 }));
    expect(again).toMatchObject({ versionId: draft.versionId, outcome: 'unchanged', state: 'draft' });

    const list = (await admin.get('/api/admin/exams?q=premiers')).json<ExamListReply>();
    expect(list.exams).toEqual([
      {
        id: draft.examId,
        code: 'EX-PREMIERS-SOINS',
        title: { fr: 'Premiers soins en milieu de travail', en: 'Workplace first aid' },
        currentVersion: null,
        versions: 1,
        drafts: 1,
        trainings: [],
      },
    ]);
    const detail = (await admin.get(`/api/admin/exams/${draft.examId}`)).json<ExamDetail>();
    expect(detail.currentVersionId).toBeNull();
    expect(detail.versions).toEqual([
      expect.objectContaining({
        version: 1,
        state: 'draft',
        durationMinutes: 20,
        passingMark: 70,
        items: 3,
        publishedAt: null,
      }),
    ]);
  });

  it('previews every item as delivered, with its key', async () => {
    const res = await admin.get(`/api/admin/exam-versions/${draft.versionId}/preview`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<ExamPreview>();
    expect(p.version).toMatchObject({ version: 1, state: 'draft', items: 3 });
    expect(p.items.map((i) => [i.id, i.type, i.correct])).toEqual([
      ['q1', 'single', ['a']],
      ['q2', 'multiple', ['a', 'b']],
      ['q3', 'true_false', ['false']],
    ]);
    expect(p.items[0]!.choices.map((c) => c.text.fr)).toEqual(['911', '411', '811']);
  });

  it('« Essayer l’examen »: a paper and a score by the scoring engine, nothing written', async () => {
    const before = [await count('attempts'), await count('answers'), await count('audit_log')];
    const trial = (await admin.get(`/api/admin/exam-versions/${draft.versionId}/trial`)).json<ExamTrial>();
    expect(trial.delivery).toMatchObject({
      state: 'in_progress',
      durationMinutes: 20,
      passingMark: 70,
      questionCount: 3,
    });
    expect(trial.delivery.items?.map((i) => i.id).sort()).toEqual(['q1', 'q2', 'q3']);
    const score = (responses: Record<string, string[]>, timeUp = false) =>
      admin.post(`/api/admin/exam-versions/${draft.versionId}/trial/score`, { paper: trial.paper, responses, timeUp });

    const right = await score({ q1: ['a'], q2: ['b', 'a'], q3: ['false'] });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json<ExamTrialScore>().result).toMatchObject({
      state: 'submitted',
      scorePoints: 4,
      maxPoints: 4,
      percentage: 100,
      outcome: 'passed',
    });
    // 1 of 4 points: 25 %, under the 70 % mark; time up reads « expired » as an attempt would.
    expect((await score({ q1: ['a'], q2: ['a'] }, true)).json<ExamTrialScore>().result).toMatchObject({
      state: 'expired',
      scorePoints: 1,
      percentage: 25,
      outcome: 'failed',
    });
    const badChoice = await score({ q1: ['z'] });
    expect(badChoice.statusCode).toBe(400);
    expect(badChoice.json<{ error: { field: string } }>().error.field).toBe('responses.q1');
    const badPaper = await admin.post(`/api/admin/exam-versions/${draft.versionId}/trial/score`, {
      paper: { items: [{ id: 'q9', choiceOrder: ['a'] }] },
      responses: {},
    });
    expect(badPaper.json<{ error: { field: string } }>().error.field).toBe('paper.items.0');
    expect([await count('attempts'), await count('answers'), await count('audit_log')]).toEqual(before);
  });

  it('« Publier » makes the draft current; a published version is never published again', async () => {
    const res = await admin.post(`/api/admin/exam-versions/${draft.versionId}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<ExamDetail>();
    expect(d.currentVersionId).toBe(draft.versionId);
    expect(d.versions[0]).toMatchObject({ state: 'published', publishedAt: expect.any(String) });
    expect((await auditOf('exam.published')).at(-1)).toEqual({
      examCode: 'EX-PREMIERS-SOINS',
      version: 1,
      replaced: null,
    });
    const twice = await admin.post(`/api/admin/exam-versions/${draft.versionId}/publish`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ error: { code: string } }>().error.code).toBe('exam_version_not_draft');
  });

  it('exports a version in each format', async () => {
    for (const [format, type, name] of [
      ['yaml', 'application/yaml', 'EX-PREMIERS-SOINS-v1.yaml'],
      ['json', 'application/json', 'EX-PREMIERS-SOINS-v1.json'],
      ['qti3', 'application/zip', 'EX-PREMIERS-SOINS-v1-qti3.zip'],
      ['qti21', 'application/zip', 'EX-PREMIERS-SOINS-v1-qti21.zip'],
    ]) {
      const res = await admin.get(`/api/admin/exam-versions/${draft.versionId}/export?format=${format}`);
      expect(res.statusCode, `${format} ${res.body}`).toBe(200);
      expect(res.headers['content-type']).toContain(type);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
      expect(res.rawPayload.length).toBeGreaterThan(100);
    }
    const yamlOut = await admin.get(`/api/admin/exam-versions/${draft.versionId}/export?format=yaml`);
    expect(yamlOut.body).toContain('passing_mark: 70');
    expect((await admin.get(`/api/admin/exam-versions/${draft.versionId}/export?format=pdf`)).statusCode).toBe(400);
  });

  it('a training’s authorizations use the published version: a draft waits, publishing retires the one before, « Retirer » stops them', async () => {
    const sp = await makeServicePoint(t.ctx);
    const tr = await makeTraining(t.ctx);
    const learner = await makeLearner(t.ctx);
    await enrol(t.ctx, learner.id, tr.trainingId, sp.id);
    const versionUsed = async () => (await enrolmentsAtServicePoint(t.ctx, learner.id, sp.id))[0]?.examVersionId;
    const examCode = `EX-${tr.code}`;

    const v2 = await importFile(body(yaml(examCode), 'modifie.yaml'));
    expect(v2).toMatchObject({ version: 2, state: 'draft', outcome: 'new_version' });
    expect(await versionUsed()).toBe(tr.versionId);

    await admin.post(`/api/admin/exam-versions/${v2.versionId}/publish`);
    expect(await versionUsed()).toBe(v2.versionId);
    const d = (await admin.get(`/api/admin/exams/${tr.examId}`)).json<ExamDetail>();
    expect(d.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    expect(d.trainings).toEqual([{ id: tr.trainingId, code: tr.code, title: { fr: `Formation ${tr.code}` } }]);
    expect((await auditOf('exam.published')).at(-1)).toEqual({ examCode, version: 2, replaced: 1 });

    const retired = await admin.post(`/api/admin/exam-versions/${v2.versionId}/retire`);
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json<ExamDetail>().currentVersionId).toBeNull();
    expect(await versionUsed()).toBeUndefined();
    expect((await auditOf('exam.retired')).at(-1)).toEqual({ examCode, version: 2, wasCurrent: true });
    const again = await admin.post(`/api/admin/exam-versions/${v2.versionId}/retire`);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('exam_version_retired');
    // A retired version can still be tried and previewed.
    expect((await admin.get(`/api/admin/exam-versions/${v2.versionId}/trial`)).statusCode).toBe(200);
  });

  it('« Retirer » the version of an exam in progress: the attempt keeps it, to its score', async () => {
    const scene = await learnerAtWorkstation(t);
    const started = await scene.browser.post(`${scene.url}/start`);
    expect(started.statusCode, started.body).toBe(200);
    const retired = await admin.post(`/api/admin/exam-versions/${scene.training.versionId}/retire`);
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json<ExamDetail>().currentVersionId).toBeNull();
    const view = await scene.browser.get(scene.url);
    expect(view.json<{ state: string; items: unknown[] }>()).toMatchObject({ state: 'in_progress' });
    expect(view.json<{ items: unknown[] }>().items).toHaveLength(5); // sampleContent()'s items
    const answer = await scene.browser.put(`${scene.url}/answers/q1`, { choiceIds: ['a'], seq: 1 });
    expect(answer.statusCode, answer.body).toBe(200);
    const submitted = await scene.browser.post(`${scene.url}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json<{ result: { maxPoints: number } }>().result.maxPoints).toBeGreaterThan(0);
  });

  it('refuses the QTI settings for the own format, unknown versions, and other roles', async () => {
    const res = await admin.post('/api/admin/exams/import', body(yaml('EX-AUTRE'), 'autre.yaml', { passingMark: 50 }));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { field: string } }>().error.field).toBe('passingMark');
    const unknown = await admin.post('/api/admin/exam-versions/inconnue/publish');
    expect(unknown.statusCode).toBe(404);
    const badYaml = await admin.post(
      '/api/admin/exams/import',
      body(Buffer.from('format: vigie-exam/1\ncode: X\n'), 'x.yaml'),
    );
    expect(badYaml.statusCode).toBe(400);
    expect(badYaml.json<{ error: { field: string; details: { problems: unknown[] } } }>().error).toMatchObject({
      field: 'content',
    });

    const l = await makeLearner(t.ctx);
    const learner = await Client.start(t.app);
    await learner.signIn(l.username);
    for (const [method, url] of [
      ['GET', '/api/admin/exams'],
      ['POST', '/api/admin/exams/import'],
      ['GET', `/api/admin/exam-versions/${draft.versionId}/preview`],
      ['GET', `/api/admin/exam-versions/${draft.versionId}/trial`],
      ['POST', `/api/admin/exam-versions/${draft.versionId}/retire`],
    ] as const) {
      const r = await learner.request({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(r.statusCode, `${method} ${url}`).toBe(403);
    }
  });
});
