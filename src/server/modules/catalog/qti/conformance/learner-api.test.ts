import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../../../tests/support/databases.js';
import { createTestApp, type TestApp } from '../../../../../../tests/support/test-app.js';
import { readExamDefinition } from '../../exams.service.js';
import { choiceItem, qti3Package } from './package.test-support.js';
import { SCORING_TABLE } from './scoring-table.js';

/**
 * The conformance suite, through the learner's API: an item written with every kind of content a candidate
 * must not see is imported, an attempt is started, and the learner's answer holds none of it.
 */
const SECRETS = ['RÉTROACTION', 'CORRECTEUR', 'SURVEILLANT', 'CACHÉ', 'CATALOGUE', 'MODALE', 'That’s correct'];

const item = choiceItem('q1', {
  outcomes:
    '<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/><qti-outcome-declaration identifier="FEEDBACK" cardinality="single" base-type="identifier"/>',
  itemLevel:
    '<qti-catalog-info><qti-catalog id="c1"><qti-card support="sign-language"><qti-html-content><p>CATALOGUE</p></qti-html-content></qti-card></qti-catalog></qti-catalog-info>',
  before:
    '<qti-rubric-block view="scorer"><p>CORRECTEUR : A</p></qti-rubric-block><qti-rubric-block view="proctor"><p>SURVEILLANT</p></qti-rubric-block>' +
    '<p>Où se place le signaleur ?</p><span class="qti-hidden">CACHÉ</span>' +
    '<qti-feedback-block outcome-identifier="FEEDBACK" identifier="A" show-hide="show"><p>RÉTROACTION A</p></qti-feedback-block>',
  choices:
    '<qti-simple-choice identifier="A">Devant <qti-feedback-inline outcome-identifier="FEEDBACK" identifier="A" show-hide="show">That’s correct</qti-feedback-inline></qti-simple-choice>' +
    '<qti-simple-choice identifier="B">Derrière</qti-simple-choice>',
  processing:
    '<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>' +
    '<qti-modal-feedback outcome-identifier="FEEDBACK" identifier="A" show-hide="show"><qti-content-body>MODALE</qti-content-body></qti-modal-feedback>',
});

describe.each(dbKinds())('QTI conformance, the learner’s API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  it('never sends feedback, non-candidate rubrics, catalogues, hidden content or the key to a learner', async () => {
    const def = readExamDefinition({ name: 'retroaction.zip', bytes: qti3Package([{ id: 'q1', xml: item }]) });
    const s = await learnerAtWorkstation(t, { content: def.content });
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    const res = await s.browser.get(s.url);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('Où se place le signaleur ?');
    expect(body).toContain('Devant');
    for (const secret of SECRETS) expect(body).not.toContain(secret);
    const items = JSON.stringify((res.json() as { items: unknown[] }).items);
    expect(items).not.toMatch(/"correct"|"rules"|"mapping"|"outcomes"/);
  });

  it('scores a submitted attempt by the item’s own rules: the item built to reward C scores C, not the declared A', async () => {
    const rewardC = SCORING_TABLE.find((r) => r.id === 'rewardC')!;
    const mapped = SCORING_TABLE.find((r) => r.id === 'mr1')!;
    const def = readExamDefinition({ name: 'regles.zip', bytes: qti3Package([rewardC, mapped]) });
    const s = await learnerAtWorkstation(t, { content: def.content, passingMark: 50 });
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    expect(
      (await s.browser.put(`${s.url}/answers/rewardC`, { choiceIds: ['C'], flagged: false, seq: 1 })).statusCode,
    ).toBe(200);
    expect((await s.browser.put(`${s.url}/answers/mr1`, { choiceIds: ['B'], flagged: false, seq: 2 })).statusCode).toBe(
      200,
    );
    const submitted = await s.browser.post(`${s.url}/submit`);
    expect(submitted.statusCode).toBe(200);
    // rewardC: C earns its 1 point; mr1: B maps to 0.5 of 1 (scoring-table.ts).
    expect((submitted.json() as { result: unknown }).result).toMatchObject({
      scorePoints: 1.5,
      maxPoints: 2,
      percentage: 75,
      outcome: 'passed',
    });
  });

  it('refuses an answer with more choices than the item’s max-choices, and delivers the limit', async () => {
    const limited = choiceItem('limite', {
      cardinality: 'multiple',
      correct: ['A', 'B'],
      interactionAttrs: 'max-choices="2"',
    });
    const def = readExamDefinition({ name: 'limite.zip', bytes: qti3Package([{ id: 'limite', xml: limited }]) });
    const s = await learnerAtWorkstation(t, { content: def.content });
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    const paper = (await s.browser.get(s.url)).json() as { items: { maxChoices?: number }[] };
    expect(paper.items[0]!.maxChoices).toBe(2);
    const three = await s.browser.put(`${s.url}/answers/limite`, {
      choiceIds: ['A', 'B', 'C'],
      flagged: false,
      seq: 1,
    });
    expect(three.statusCode).toBe(400);
    expect(three.json()).toMatchObject({ error: { code: 'answer_too_many_choices' } });
    const two = await s.browser.put(`${s.url}/answers/limite`, { choiceIds: ['A', 'B'], flagged: false, seq: 2 });
    expect(two.statusCode).toBe(200);
  });
});
