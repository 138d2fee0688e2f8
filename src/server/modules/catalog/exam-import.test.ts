import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeAuthorizedAttempt,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
} from '../../../../tests/support/factories.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { DomainError } from '../../errors.js';
import { currentVersionOf, examVersion } from './catalog.service.js';
import {
  demoDir,
  editZip,
  GOOD_ITEMS,
  richDefinition,
  yamlExam,
  zipText,
} from '../../../../tests/support/exam-fixtures.js';
import {
  definitionOf,
  exportExam,
  EXPORT_FORMATS,
  importExam,
  readExamDefinition,
  saveExamVersion,
} from './exams.service.js';
import { TRUE_FALSE_CHOICES } from './exam-definition.js';
import { fileAssetReader } from './files.js';
import { problemMessages } from './import-problems.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe.each(dbKinds())('exam import and export on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  async function counts() {
    const n = async (table: 'exams' | 'exam_versions' | 'audit_log') =>
      Number(
        (
          await t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { exams: await n('exams'), versions: await n('exam_versions'), audit: await n('audit_log') };
  }

  /** Imports and expects a refusal; returns every problem as the English sentence the CLI prints. */
  async function refused(name: string, content: Uint8Array, overrides = {}) {
    const before = await counts();
    const err = await importExam(t.ctx, { name, bytes: content }, { actorId: null, lang: 'en', overrides }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, `${name} was imported`).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('import_invalid');
    expect(await counts()).toEqual(before); // nothing written, not even an audit row
    return problemMessages(err as DomainError);
  }

  it('imports the demo exam from its YAML file, images included, and records it in the audit log', async () => {
    const file = path.join(demoDir, 'signaleur-routier.yaml');
    const saved = await importExam(
      t.ctx,
      { name: 'signaleur-routier.yaml', bytes: readFileSync(file), readAsset: fileAssetReader(demoDir) },
      { actorId: null },
    );
    expect(saved).toMatchObject({ code: 'EX-SIGNALEUR-ROUTIER', version: 1, outcome: 'created', items: 42 });
    const v = await currentVersionOf(t.ctx, saved.examId);
    expect(v).toMatchObject({
      durationMinutes: 30,
      passingMark: 80,
      drawCount: 25,
      shuffleItems: true,
      shuffleChoices: true,
    });
    const q01 = v.content.items.find((i) => i.id === 'q01')!;
    expect(q01.image?.mime).toBe('image/svg+xml');
    expect(Buffer.from(q01.image!.data, 'base64').toString()).toContain('ARRÊT');
    expect(q01.correct).toEqual(['a']);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('action', '=', 'exam.imported')
      .execute();
    expect(audit.map((a) => JSON.parse(a.payload) as unknown)).toContainEqual({
      examCode: 'EX-SIGNALEUR-ROUTIER',
      version: 1,
      state: 'published',
    });
  });

  it.each(EXPORT_FORMATS)('round trip in %s: export then import gives the same exam', async (format) => {
    const def = richDefinition(`EX-RT-${format}`);
    const first = await saveExamVersion(t.ctx, def, { actorId: null });
    const out = await exportExam(t.ctx, def.code, format);
    const read = readExamDefinition({ name: `export.${out.extension}`, bytes: out.bytes }, { lang: 'en' });
    expect(read).toEqual(def);
    // Imported back under the same code, it is the same exam: no new version.
    const again = await importExam(t.ctx, { name: `export.${out.extension}`, bytes: out.bytes }, { actorId: null });
    expect(again).toMatchObject({ outcome: 'unchanged', version: 1, versionId: first.versionId });
  });

  it('re-importing a changed exam makes a new version; the old version, and attempts on it, stay as they were', async () => {
    const sp = await makeServicePoint(t.ctx);
    const learner = await makeLearner(t.ctx);
    const operator = await makeOperator(t.ctx, sp.id);
    const training = await makeTraining(t.ctx);
    const enrolmentId = await enrol(t.ctx, learner.id, training.trainingId, sp.id);
    const attemptId = await makeAuthorizedAttempt(t.ctx, {
      userId: learner.id,
      enrolmentId,
      examId: training.examId,
      versionId: training.versionId,
      servicePointId: sp.id,
      workstationId: sp.workstations[0]!.id,
      operatorId: operator.id,
    });
    const v1 = await examVersion(t.ctx, training.versionId);
    const changed = { ...definitionOf(v1), passingMark: 90 };
    changed.content = { items: v1.content.items.map((i) => (i.id === 'q1' ? { ...i, correct: ['b'] } : i)) };
    const yaml = (await import('./export-yaml.js')).exportYaml(changed);
    const saved = await importExam(t.ctx, { name: 'v2.yaml', bytes: bytes(yaml) }, { actorId: null });
    expect(saved).toMatchObject({ outcome: 'new_version', version: 2 });
    expect((await currentVersionOf(t.ctx, training.examId)).passingMark).toBe(90);
    // Its content and settings unchanged; published in its place, the new version retired it (issue 16).
    const old = await examVersion(t.ctx, training.versionId);
    expect(old).toEqual({ ...v1, state: 'retired' });
    expect(v1.state).toBe('published');
    const attempt = await t.ctx.db
      .selectFrom('attempts')
      .selectAll()
      .where('id', '=', attemptId)
      .executeTakeFirstOrThrow();
    expect((await examVersion(t.ctx, attempt.exam_version_id)).content).toEqual(v1.content);
    expect(saved.versionId).not.toBe(attempt.exam_version_id);
    // Older versions can still be exported by number (true/false choices always read « Vrai » / « Faux »).
    const out = await exportExam(t.ctx, v1.examCode, 'yaml', 1);
    const expected = definitionOf(v1);
    expected.content = {
      items: expected.content.items.map((i) => (i.type === 'true_false' ? { ...i, choices: TRUE_FALSE_CHOICES } : i)),
    };
    expect(readExamDefinition({ name: 'v1.yaml', bytes: out.bytes })).toEqual(expected);
  });

  it('refuses a YAML item whose correct answer is not one of its choices, naming the file and the item', async () => {
    const items = `${GOOD_ITEMS}  - id: q2
    type: single
    stem: Distance ?
    choices:
      - { id: a, text: 10 m }
      - { id: b, text: 50 m }
      - { id: c, text: 90 m }
    correct: e
`;
    const problems = await refused('panneaux.yaml', bytes(yamlExam(items)));
    expect(problems).toEqual([
      'panneaux.yaml, item q2, correct: the correct answer « e » is not one of its choices (a, b, c).',
    ]);
  });

  it('refuses an item with no choices', async () => {
    const items = `${GOOD_ITEMS}  - id: q2
    type: multiple
    stem: Équipements ?
    choices: []
    correct: [a]
`;
    const problems = await refused('equipements.yaml', bytes(yamlExam(items)));
    expect(problems).toContain('equipements.yaml, item q2, choices: the item has no choices.');
  });

  it('refuses a negative duration and a passing mark outside 1–100, and lists every problem at once', async () => {
    const wrongKey = GOOD_ITEMS.replace('correct: a', 'correct: z');
    const text = yamlExam(wrongKey)
      .replace('duration_minutes: 10', 'duration_minutes: -5')
      .replace('passing_mark: 70', 'passing_mark: 120');
    const problems = await refused('reglages.yaml', bytes(text));
    expect(problems).toEqual([
      'reglages.yaml, duration_minutes: « -5 » is too small: at least 1.',
      'reglages.yaml, passing_mark: « 120 » is too big: at most 100.',
      'reglages.yaml, item q1, correct: the correct answer « z » is not one of its choices (a, b).',
    ]);
    const negative = await refused(
      'note.json',
      bytes(JSON.stringify({ ...JSON.parse(JSON.stringify(yamlAsJson())), passing_mark: -1 })),
    );
    expect(negative).toEqual(['note.json, passing_mark: « -1 » is too small: at least 1.']);
  });

  it('refuses malformed YAML and JSON with the line, an image file that is not there, and an SVG that runs a script', async () => {
    expect(await refused('casse.yaml', bytes('format: vigie-exam/1\ncode: [EX\n  title: x\n'))).toEqual([
      expect.stringMatching(/^casse\.yaml, line \d+: malformed YAML: /),
    ]);
    expect(await refused('casse.json', bytes('{\n  "format": "vigie-exam/1",\n  "code": "EX",\n}'))).toEqual([
      expect.stringMatching(/^casse\.json, line 4: malformed JSON: /),
    ]);
    const withImage = GOOD_ITEMS.replace('    choices:', '    image: { file: signs/absent.svg }\n    choices:');
    expect(await refused('image.yaml', bytes(yamlExam(withImage)))).toEqual([
      'image.yaml, item q1, image.file: missing file: « signs/absent.svg ».',
    ]);
    const evil = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString(
      'base64',
    );
    const scripted = GOOD_ITEMS.replace(
      '    choices:',
      `    image: { mime: image/svg+xml, data: "${evil}" }\n    choices:`,
    );
    expect(await refused('script.yaml', bytes(yamlExam(scripted)))).toEqual([
      'script.yaml, item q1, image: the SVG image holds a script, an event handler or an external resource.',
    ]);
  });

  it('refuses a QTI package with a missing file, naming the file', async () => {
    const def = richDefinition('EX-QTI-MISSING');
    await saveExamVersion(t.ctx, def, { actorId: null });
    for (const format of ['qti3', 'qti21'] as const) {
      const pkg = (await exportExam(t.ctx, def.code, format)).bytes;
      const noItem = editZip(pkg, { 'items/q3.xml': null });
      const problems = await refused('paquet.zip', noItem);
      expect(problems).toContain('paquet.zip/imsmanifest.xml: file missing from the package: « items/q3.xml ».');
      expect(problems).toContain(
        'paquet.zip/assessment.xml, item q3: file missing from the package: « items/q3.xml ».',
      );
      const noImage = editZip(pkg, { 'images/q1.svg': null });
      expect(await refused('paquet.zip', noImage)).toContain(
        'paquet.zip/items/q1.xml, item q1: file missing from the package: « images/q1.svg ».',
      );
      expect(await refused('vide.zip', editZip(pkg, { 'imsmanifest.xml': null }))).toEqual([
        'vide.zip: file missing from the package: « imsmanifest.xml ».',
      ]);
    }
  });

  it('refuses malformed XML, naming the file and the line', async () => {
    const def = richDefinition('EX-QTI-XML');
    await saveExamVersion(t.ctx, def, { actorId: null });
    const pkg = (await exportExam(t.ctx, def.code, 'qti3')).bytes;
    const broken = zipText(pkg, 'items/q2.xml').replace('</qti-item-body>', '</qti-itembody>');
    const problems = await refused('paquet.zip', editZip(pkg, { 'items/q2.xml': broken }));
    expect(problems).toEqual([
      expect.stringMatching(/^paquet\.zip\/items\/q2\.xml, line \d+, item q2: malformed XML: /),
    ]);
  });

  it('refuses an interaction type it does not support, naming it, and imports none of the package', async () => {
    const def = richDefinition('EX-QTI-TEXT');
    await saveExamVersion(t.ctx, def, { actorId: null });
    const pkg3 = (await exportExam(t.ctx, def.code, 'qti3')).bytes;
    // The text entry and order interactions are read now (qti/read-interactions.ts): an associate interaction and
    // a graphic gap match are not, and are refused by name.
    const text3 = zipText(pkg3, 'items/q5.xml').replace(
      /<qti-choice-interaction[\s\S]*<\/qti-choice-interaction>/,
      '<qti-associate-interaction response-identifier="RESPONSE" max-associations="1"/>',
    );
    expect(await refused('texte.zip', editZip(pkg3, { 'items/q5.xml': text3 }))).toEqual([
      expect.stringMatching(
        /^texte\.zip\/items\/q5\.xml, item q5, itemBody: unsupported interaction type: « qti-associate-interaction » \(Vigie reads the choice, hotspot, order, match, gapMatch, inlineChoice and textEntry interactions/,
      ),
    ]);
    const pkg21 = (await exportExam(t.ctx, def.code, 'qti21')).bytes;
    const text21 = zipText(pkg21, 'items/q5.xml').replace(
      /<choiceInteraction[\s\S]*<\/choiceInteraction>/,
      '<graphicGapMatchInteraction responseIdentifier="RESPONSE"/>',
    );
    expect(await refused('ordre.zip', editZip(pkg21, { 'items/q5.xml': text21 }))).toEqual([
      expect.stringMatching(
        /^ordre\.zip\/items\/q5\.xml, item q5, itemBody: unsupported interaction type: « graphicGapMatchInteraction »/,
      ),
    ]);
  });

  it('reads a QTI 2.1 package as other tools write it (templates, prompt, no Vigie extras), given the missing settings', async () => {
    const item = `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="ITEM_1" title="Casque" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>ChoiceB</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
      <prompt>Quel équipement <b>protège</b> la tête&#160;?</prompt>
      <simpleChoice identifier="ChoiceA">Une casquette</simpleChoice>
      <simpleChoice identifier="ChoiceB">Un casque de sécurité</simpleChoice>
    </choiceInteraction>
  </itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
</assessmentItem>`;
    const test = `<?xml version="1.0" encoding="UTF-8"?>
<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="AUTRE_OUTIL" title="Test d’un autre outil">
  <testPart identifier="P" navigationMode="linear" submissionMode="individual">
    <assessmentSection identifier="S" title="S" visible="true">
      <assessmentItemRef identifier="ITEM_1" href="ITEM_1.xml"/>
    </assessmentSection>
  </testPart>
</assessmentTest>`;
    const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="M">
  <resources>
    <resource identifier="T" type="imsqti_test_xmlv2p1" href="tests/test.xml"><file href="tests/test.xml"/></resource>
    <resource identifier="I" type="imsqti_item_xmlv2p1" href="tests/ITEM_1.xml"><file href="tests/ITEM_1.xml"/></resource>
  </resources>
</manifest>`;
    const pkg = zipSync({
      'imsmanifest.xml': strToU8(manifest),
      'tests/test.xml': strToU8(test),
      'tests/ITEM_1.xml': strToU8(item),
    });
    expect(await refused('autre.zip', pkg)).toEqual([
      'autre.zip/tests/test.xml: the test gives no duration (timeLimits maxTime): give it in minutes.',
      'autre.zip/tests/test.xml: the test gives no passing mark (cut score SCORE / MAXSCORE): give it as a percentage.',
    ]);
    const saved = await importExam(
      t.ctx,
      { name: 'autre.zip', bytes: pkg },
      { actorId: null, overrides: { durationMinutes: 20, passingMark: 75 } },
    );
    const v = await examVersion(t.ctx, saved.versionId);
    expect(v).toMatchObject({
      examCode: 'AUTRE_OUTIL',
      title: { fr: 'Test d’un autre outil' },
      durationMinutes: 20,
      passingMark: 75,
      drawCount: null,
    });
    expect(v.content.items).toEqual([
      {
        id: 'ITEM_1',
        title: { fr: 'Casque' },
        type: 'single',
        stem: { fr: 'Quel équipement protège la tête ?' },
        body: { fr: [{ p: ['Quel équipement ', { strong: ['protège'] }, ' la tête ?'] }] },
        choices: [
          { id: 'ChoiceA', text: { fr: 'Une casquette' } },
          { id: 'ChoiceB', text: { fr: 'Un casque de sécurité' } },
        ],
        correct: ['ChoiceB'],
        points: 1,
      },
    ]);
  });
});

function yamlAsJson() {
  return {
    format: 'vigie-exam/1',
    code: 'EX-JSON',
    title: 'Examen JSON',
    duration_minutes: 10,
    passing_mark: 70,
    items: [
      {
        id: 'q1',
        type: 'single',
        stem: 'Couleur ?',
        choices: [
          { id: 'a', text: 'Rouge' },
          { id: 'b', text: 'Vert' },
        ],
        correct: 'a',
      },
    ],
  };
}
