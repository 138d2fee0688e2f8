import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../support/databases.js';
import { makeAdmin, makeLearner, makeServicePoint, makeTraining } from '../support/factories.js';
import { Client, createTestApp, type TestApp } from '../support/test-app.js';
import { INTERFACE_LANGUAGE_HEADER } from '../../src/shared/errors.js';
import type { ImportPreview } from '../../src/shared/catalog-admin.js';
import { GOOD_ITEMS, yamlExam } from '../support/exam-fixtures.js';

/**
 * What the hostile pass of 2026-12-07 found by hand on the administration's routes: each is a 400 (or a 413)
 * naming the field, in the user's language, and never a 500 — on both databases.
 */
describe.each(dbKinds())('hostile administration inputs on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  let training: Awaited<ReturnType<typeof makeTraining>>;
  let learner: Awaited<ReturnType<typeof makeLearner>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    sp = await makeServicePoint(t.ctx, 'Point Hostile');
    training = await makeTraining(t.ctx);
    learner = await makeLearner(t.ctx);
    await t.ctx.db
      .insertInto('training_service_points')
      .values({ training_id: training.trainingId, service_point_id: sp.id, created_at: t.ctx.now().toISOString() })
      .execute();
    const a = await makeAdmin(t.ctx);
    admin = await Client.start(t.app);
    await admin.signIn(a.username);
  });
  afterAll(async () => t.close());

  const csv = (text: string) => ({ fileName: 'lot.csv', content: Buffer.from(text).toString('base64') });

  it('refuses, naming its line, a CSV line holding a control character (PostgreSQL cannot even look it up)', async () => {
    const good = `${learner.username}@example.test;${training.code};Point Hostile`;
    const file = csv(
      [
        `mtrem\u0000blay@example.test;${training.code};Point Hostile`,
        `${learner.username}@example.test;${training.code}\u0000;Point Hostile`,
        `${learner.username}@example.test;${training.code};Point\u0007 Hostile`,
        good,
      ].join('\r\n'),
    );
    for (const route of ['/api/admin/enrolments/import/preview', '/api/admin/enrolments/import']) {
      const res = await admin.post(route, file);
      expect(res.statusCode, res.body).toBe(200);
    }
    const preview = (await admin.post('/api/admin/enrolments/import/preview', file)).json<ImportPreview>();
    expect(preview.lines.map((l) => [l.line, l.outcome])).toEqual([
      [1, 'refused'],
      [2, 'refused'],
      [3, 'refused'],
      // Enrolled by the import above: refused now as already enrolled, so it was read.
      [4, 'refused'],
    ]);
    for (const l of preview.lines.slice(0, 3))
      expect(l.reasons[0]!.fr).toBe('la ligne contient un caractère de contrôle (invisible) : retirez-le du fichier.');
    expect(preview.lines[3]!.reasons[0]!.fr).toContain('déjà inscrit');
    const enrolled = await t.ctx.db
      .selectFrom('enrolments')
      .select('user_id')
      .where('training_id', '=', training.trainingId)
      .where('service_point_id', '=', sp.id)
      .execute();
    expect(enrolled.map((e) => e.user_id)).toEqual([learner.id]);
  });

  it('reads a file naming 70,000 different training codes (one query of them all passed the databases’ limits)', async () => {
    const lines = Array.from({ length: 70_000 }, (_, i) => `u${i};C${i};P`);
    const res = await admin.post('/api/admin/enrolments/import/preview', csv(lines.join('\n')));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const preview = res.json<ImportPreview>();
    expect(preview).toMatchObject({ accepted: 0, refused: 70_000 });
    expect(preview.lines[69_999]!.reasons.map((r) => r.fr)).toContain('code de formation inconnu : « C69999 ».');
  }, 60_000);

  it('says the real limit of a file too large for « Inscriptions », naming the field', async () => {
    const big = { fileName: 'lot.csv', content: Buffer.alloc(6 * 1024 * 1024, 0x41).toString('base64') };
    const fr = await admin.post('/api/admin/enrolments/import/preview', big);
    expect(fr.statusCode).toBe(413);
    expect(fr.json().error).toEqual({
      code: 'file_too_large',
      message: 'Fichier trop volumineux (2 Mo au maximum).',
      field: 'content',
    });
  });

  it('says the real limit of a request body too large for its route', async () => {
    const res = await admin.post('/api/admin/trainings', { code: 'X', title: { fr: 'x'.repeat(2 * 1024 * 1024) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toBe('Fichier trop volumineux (1 Mo au maximum).');
  });

  it('refuses a passing mark that is not a whole percentage as the field it came in', async () => {
    const zip = readFileSync('tests/fixtures/qti/premiers-soins-qti3.zip').toString('base64');
    for (const passingMark of [50.5, 101, -1]) {
      const res = await admin.post('/api/admin/exams/import', {
        fileName: 'p.zip',
        content: zip,
        durationMinutes: 30,
        passingMark,
      });
      expect(res.statusCode, String(passingMark)).toBe(400);
      expect(res.json().error, String(passingMark)).toMatchObject({ code: 'validation', field: 'passingMark' });
    }
  });

  it('refuses a passing mark of 0 (an empty paper would pass): in « Note de passage » and in the exam file', async () => {
    const zip = readFileSync('tests/fixtures/qti/premiers-soins-qti3.zip').toString('base64');
    const form = await admin.post('/api/admin/exams/import', {
      fileName: 'p.zip',
      content: zip,
      durationMinutes: 30,
      passingMark: 0,
    });
    expect(form.statusCode).toBe(400);
    expect(form.json().error).toMatchObject({ code: 'validation', field: 'passingMark' });
    const yaml = yamlExam(GOOD_ITEMS, { code: 'EX-ZERO', title: 'Examen zéro', passingMark: 0 });
    for (const lang of ['fr', 'en'] as const) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/admin/exams/import',
        payload: { fileName: 'zero.yaml', content: Buffer.from(yaml).toString('base64') },
        headers: { [INTERFACE_LANGUAGE_HEADER]: lang },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('import_invalid');
      expect(res.json().error.message).toContain('passing_mark');
      expect(res.json().error.message).toMatch(lang === 'fr' ? /« 0 ».*au moins 1/ : /« 0 ».*at least 1/);
    }
    const stored = await t.ctx.db.selectFrom('exams').select('id').where('code', '=', 'EX-ZERO').execute();
    expect(stored).toEqual([]);
  });

  it('refuses an exam or section title holding a bidirectional override or an invisible character, as training titles are', async () => {
    // Two sections: a single one of items only is held as the exam's own order, its title not kept.
    const exam = (title: string, sectionTitle = 'Signalisation') =>
      yamlExam(
        `${GOOD_ITEMS}  - id: q2
    type: true_false
    stem: Le cône se place avant le chantier.
    correct: "true"
sections:
  - id: s1
    title: ${JSON.stringify(sectionTitle)}
    parts: [q1]
  - id: s2
    parts: [q2]
`,
        { code: 'EX-BIDI', title: JSON.stringify(title) },
      );
    const send = (yaml: string) =>
      admin.post('/api/admin/exams/import', { fileName: 'bidi.yaml', content: Buffer.from(yaml).toString('base64') });
    for (const [title, section, field] of [
      ['Sécurité \u202Eesruoc', 'Signalisation', 'title'],
      ['Sécu\u200Brité', 'Signalisation', 'title'],
      ['\u2066Sécurité\u2069', 'Signalisation', 'title'],
      ['Sécurité', 'Signa\u202Elisation', 'sections'],
      ['Sécurité', 'Signalisation\u200F', 'sections'],
    ] as const) {
      const res = await send(exam(title, section));
      expect(res.statusCode, JSON.stringify(title + section)).toBe(400);
      expect(res.json().error.code).toBe('import_invalid');
      expect(res.json().error.message, JSON.stringify(title + section)).toContain(field);
      expect(res.json().error.message).toMatch(/invisible/);
    }
    const stored = await t.ctx.db.selectFrom('exams').select('id').where('code', '=', 'EX-BIDI').execute();
    expect(stored).toEqual([]);
    expect((await send(exam('Sécurité — « chantier »'))).statusCode).toBe(200);
  });
});
