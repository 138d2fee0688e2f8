import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../../tests/support/databases.js';
import { Client, createTestApp, type TestApp } from '../../../../../tests/support/test-app.js';
import { DEMO_LEARNERS, DEMO_SERVICE_POINT, loadDemo } from '../../demo/demo.service.js';
import { currentVersionOf, enrolmentsAtServicePoint } from '../catalog.service.js';

describe.each(dbKinds())('demo catalog on %s', (kind) => {
  let t: TestApp;
  let demo: Awaited<ReturnType<typeof loadDemo>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    demo = await loadDemo(t.ctx);
  });
  afterAll(async () => t.close());

  it('enrols every demo learner in both demo trainings at the demo service point', async () => {
    expect(demo.learners).toHaveLength(DEMO_LEARNERS.length);
    for (const l of demo.learners) {
      const enrolments = await enrolmentsAtServicePoint(t.ctx, l.id, demo.servicePointId);
      expect(enrolments.map((e) => e.training.code).sort(), l.username).toEqual([
        'SECURITE-CHANTIERS',
        'SIGNALEUR-ROUTIER',
      ]);
      // Anne Roy's past pass (the cards demo) finished one of her trainings; everyone else is in training.
      const finished = enrolments.filter((e) => e.status !== 'in_training');
      if (l.username === 'aroy') expect(finished.map((e) => e.status)).toEqual(['passed']);
      else expect(finished).toEqual([]);
    }
  });

  it('« Signaleur routier »: at least 30 items, some with road signs, one of each interaction type, 30 minutes, 80 %, 25 drawn, shuffled', async () => {
    const [signaleur] = (await enrolmentsAtServicePoint(t.ctx, demo.learners[0]!.id, demo.servicePointId)).filter(
      (e) => e.training.code === 'SIGNALEUR-ROUTIER',
    );
    const v = await currentVersionOf(t.ctx, signaleur!.examId);
    expect(v.content.items.length).toBeGreaterThanOrEqual(30);
    expect(v.content.items.filter((i) => i.image?.mime === 'image/svg+xml').length).toBeGreaterThanOrEqual(5);
    // Every interaction type of issue 18, and a question whose choices are pictures.
    expect(new Set(v.content.items.map((i) => i.type))).toEqual(
      new Set([
        'single',
        'multiple',
        'true_false',
        'hotspot',
        'order',
        'match',
        'gap_match',
        'inline_choice',
        'text_entry',
      ]),
    );
    expect(v.content.items.some((i) => i.type === 'single' && i.choices.every((c) => c.image))).toBe(true);
    expect(v).toMatchObject({
      durationMinutes: 30,
      passingMark: 80,
      drawCount: 25,
      shuffleItems: true,
      shuffleChoices: true,
    });
  });

  it('the short exam: 5 items, 5 minutes; glavigne sees both trainings in « Mes formations »', async () => {
    const c = await Client.start(t.app);
    await c.signIn('glavigne');
    const { trainings } = (await c.get('/api/learning/trainings')).json<{
      trainings: { id: string; code: string; servicePoint: { name: string } }[];
    }>();
    expect(trainings.map((x) => x.code).sort()).toEqual(['SECURITE-CHANTIERS', 'SIGNALEUR-ROUTIER']);
    expect(trainings.every((x) => x.servicePoint.name === DEMO_SERVICE_POINT)).toBe(true);
    const short = trainings.find((x) => x.code === 'SECURITE-CHANTIERS')!;
    const page = (await c.get(`/api/learning/trainings/${short.id}`)).json();
    expect(page.exam).toMatchObject({ durationMinutes: 5, questionCount: 5 });
  });
});
