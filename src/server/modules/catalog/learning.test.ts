import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeAuthorizedAttempt,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
  sampleContent,
} from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';

/** Every key of a JSON value, at any depth. */
function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysOf(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  return out;
}

describe.each(dbKinds())('« Mes formations » on %s', (kind) => {
  let t: TestApp;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  let operatorId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    sp = await makeServicePoint(t.ctx, 'Point de service Test — Québec');
    operatorId = (await makeOperator(t.ctx, sp.id)).id;
  });
  afterAll(async () => t.close());

  async function signedIn(username: string) {
    const c = await Client.start(t.app);
    await c.signIn(username);
    return c;
  }

  /** A finished attempt, as the attempt service leaves it. */
  async function finished(
    a: { attemptId: string },
    state: 'submitted' | 'terminated' | 'expired',
    percentage: number,
    endedAt: string,
  ) {
    await t.ctx.db
      .updateTable('attempts')
      .set({
        state,
        started_at: endedAt,
        ended_at: endedAt,
        percentage,
        outcome: percentage >= 80 ? 'passed' : 'failed',
        score_points: percentage / 10,
        max_points: 10,
      })
      .where('id', '=', a.attemptId)
      .execute();
  }

  async function authorize(userId: string, enrolmentId: string, tr: { examId: string; versionId: string }) {
    const attemptId = await makeAuthorizedAttempt(t.ctx, {
      userId,
      enrolmentId,
      examId: tr.examId,
      versionId: tr.versionId,
      servicePointId: sp.id,
      workstationId: sp.workstations[0]!.id,
      operatorId,
    });
    return { attemptId };
  }

  it('lists the learner’s trainings with their status and service point', async () => {
    const l = await makeLearner(t.ctx);
    const a = await makeTraining(t.ctx);
    const b = await makeTraining(t.ctx);
    await makeTraining(t.ctx); // not enrolled: not listed
    await enrol(t.ctx, l.id, a.trainingId, sp.id);
    await enrol(t.ctx, l.id, b.trainingId, sp.id, 'passed');
    const c = await signedIn(l.username);
    const res = await c.get('/api/learning/trainings');
    expect(res.statusCode).toBe(200);
    const { trainings } = res.json<{ trainings: { id: string; status: string; servicePoint: { name: string } }[] }>();
    expect(trainings.map((x) => [x.id, x.status]).sort()).toEqual(
      [
        [a.trainingId, 'in_training'],
        [b.trainingId, 'passed'],
      ].sort(),
    );
    expect(trainings[0]!.servicePoint.name).toBe('Point de service Test — Québec');
  });

  it('says the extra time the desk granted that is in force (« Mesures d’adaptation »), not a revoked or lapsed one', async () => {
    const l = await makeLearner(t.ctx);
    const a = await makeTraining(t.ctx);
    await enrol(t.ctx, l.id, a.trainingId, sp.id);
    const c = await signedIn(l.username);
    expect((await c.get('/api/learning/trainings')).json().extraTime).toEqual([]);
    const row = (id: string, kind: 'extra_50' | 'extra_minutes' | 'separate_room' | 'extra_25', over = {}) => ({
      id,
      learner_id: l.id,
      service_point_id: sp.id,
      kind,
      minutes: kind === 'extra_minutes' ? 20 : null,
      reason: 'Motif',
      granted_by: 'Direction',
      valid_until: '2099-12-31',
      created_by: operatorId,
      created_at: `2026-01-0${id.slice(-1)}T00:00:00.000Z`,
      revoked_at: null,
      revoked_by: null,
      ...over,
    });
    await t.ctx.db
      .insertInto('accommodations')
      .values([
        row(`${l.id}-1`, 'extra_50'),
        row(`${l.id}-2`, 'extra_minutes'),
        row(`${l.id}-3`, 'separate_room'),
        row(`${l.id}-4`, 'extra_25', { revoked_at: '2026-01-05T00:00:00.000Z', revoked_by: operatorId }),
        row(`${l.id}-5`, 'extra_25', { valid_until: '2020-01-01' }),
      ])
      .execute();
    const res = await c.get('/api/learning/trainings');
    expect(res.statusCode).toBe(200);
    expect(res.json().extraTime).toEqual([
      { kind: 'extra_50', minutes: null, validUntil: '2099-12-31' },
      { kind: 'extra_minutes', minutes: 20, validUntil: '2099-12-31' },
    ]);
  });

  it('shows a training’s page: description, exam duration, number of questions, passing mark, past results', async () => {
    const l = await makeLearner(t.ctx);
    const tr = await makeTraining(t.ctx, { durationMinutes: 30, passingMark: 80, drawCount: 3 });
    const enrolmentId = await enrol(t.ctx, l.id, tr.trainingId, sp.id);
    // Two finished attempts, one cancelled (not a result), and another learner's (not theirs).
    await finished(await authorize(l.id, enrolmentId, tr), 'submitted', 66.66, '2026-03-02T15:00:00.000Z');
    await finished(await authorize(l.id, enrolmentId, tr), 'terminated', 85, '2026-03-09T15:00:00.000Z');
    const cancelled = await authorize(l.id, enrolmentId, tr);
    await t.ctx.db.updateTable('attempts').set({ state: 'cancelled' }).where('id', '=', cancelled.attemptId).execute();
    const other = await makeLearner(t.ctx);
    const otherEnrolment = await enrol(t.ctx, other.id, tr.trainingId, sp.id);
    await finished(await authorize(other.id, otherEnrolment, tr), 'expired', 20, '2026-03-03T15:00:00.000Z');

    const c = await signedIn(l.username);
    const page = (await c.get(`/api/learning/trainings/${tr.trainingId}`)).json();
    expect(page).toMatchObject({
      id: tr.trainingId,
      title: { fr: `Formation ${tr.code}` },
      description: { fr: 'Formation de test' },
      exam: { title: { fr: `Examen ${tr.code}` }, durationMinutes: 30, questionCount: 3, passingMark: 80 },
      openAttempt: null,
    });
    expect(page.results).toEqual([
      {
        attemptId: expect.any(String),
        date: '2026-03-09T15:00:00.000Z',
        state: 'terminated',
        percentage: 85,
        outcome: 'passed',
      },
      {
        attemptId: expect.any(String),
        date: '2026-03-02T15:00:00.000Z',
        state: 'submitted',
        percentage: 66.66,
        outcome: 'failed',
      },
    ]);
  });

  it('counts every item when the exam draws all of them', async () => {
    const l = await makeLearner(t.ctx);
    const tr = await makeTraining(t.ctx, { drawCount: null });
    await enrol(t.ctx, l.id, tr.trainingId, sp.id);
    const c = await signedIn(l.username);
    const page = (await c.get(`/api/learning/trainings/${tr.trainingId}`)).json();
    expect(page.exam.questionCount).toBe(sampleContent().items.length);
  });

  it('gives openAttempt only while an operator’s authorization is open (authorized or in progress)', async () => {
    const l = await makeLearner(t.ctx);
    const tr = await makeTraining(t.ctx);
    const enrolmentId = await enrol(t.ctx, l.id, tr.trainingId, sp.id);
    const c = await signedIn(l.username);
    const url = `/api/learning/trainings/${tr.trainingId}`;
    expect((await c.get(url)).json().openAttempt).toBeNull();
    const { attemptId } = await authorize(l.id, enrolmentId, tr);
    expect((await c.get(url)).json()).toMatchObject({
      status: 'exam_authorized',
      openAttempt: { id: attemptId, state: 'authorized' },
    });
    await t.ctx.db.updateTable('attempts').set({ state: 'in_progress' }).where('id', '=', attemptId).execute();
    expect((await c.get(url)).json().openAttempt).toEqual({ id: attemptId, state: 'in_progress' });
    await finished({ attemptId }, 'submitted', 90, '2026-03-10T15:00:00.000Z');
    expect((await c.get(url)).json().openAttempt).toBeNull();
  });

  it('answers 404 for a training the learner is not enrolled in, or that does not exist, and 401 without sign-in', async () => {
    const l = await makeLearner(t.ctx);
    const other = await makeLearner(t.ctx);
    const tr = await makeTraining(t.ctx);
    await enrol(t.ctx, other.id, tr.trainingId, sp.id);
    const c = await signedIn(l.username);
    const foreign = await c.get(`/api/learning/trainings/${tr.trainingId}`);
    const unknown = await c.get('/api/learning/trainings/inexistante');
    expect(foreign.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(foreign.json()).toEqual(unknown.json());
    const anonymous = await Client.start(t.app);
    expect((await anonymous.get('/api/learning/trainings')).statusCode).toBe(401);
    expect((await anonymous.get(`/api/learning/trainings/${tr.trainingId}`)).statusCode).toBe(401);
  });

  it('no key sent: no learner-facing catalog reply holds a correct answer, or any item of the exam', async () => {
    const l = await makeLearner(t.ctx);
    const tr = await makeTraining(t.ctx);
    const enrolmentId = await enrol(t.ctx, l.id, tr.trainingId, sp.id);
    await authorize(l.id, enrolmentId, tr); // an exam that can be taken right now
    const c = await signedIn(l.username);
    const replies = [await c.get('/api/learning/trainings'), await c.get(`/api/learning/trainings/${tr.trainingId}`)];
    const content = sampleContent();
    for (const res of replies) {
      expect(res.statusCode).toBe(200);
      const keys = keysOf(res.json());
      expect(keys.has('correct')).toBe(false);
      for (const k of ['content', 'items', 'choices', 'stem', 'scoring']) expect(keys.has(k), k).toBe(false);
      for (const item of content.items) {
        expect(res.body).not.toContain(item.stem.fr);
        for (const ch of item.choices) expect(res.body).not.toContain(`"${ch.text.fr}"`);
      }
    }
  });
});
