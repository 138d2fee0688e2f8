import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeManager,
  makeOperator,
  makeServicePoint,
  makeTraining,
} from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { localDate } from '../service-points/service-points.service.js';

/** « Mesures d'adaptation » and « Signaler une irrégularité » through HTTP, as the desk uses them. */
describe.each(dbKinds())('the learner file: accommodations and irregularities (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function scene() {
    const s = await learnerAtWorkstation(t, { durationMinutes: 60 });
    const desk = await Client.start(t.app);
    await desk.signIn(s.operator.username);
    const today = localDate(t.ctx.now(), 'America/Toronto');
    return { ...s, desk, today, file: () => desk.get(`/api/desk/learners/${s.learner.id}`) };
  }
  const auditOf = (action: string, subject: string) =>
    t.ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', action)
      .where('subject_user_id', '=', subject)
      .execute();

  it('grants +50 %: listed on the file, applied at « Commencer » (the deadline includes it), audited', async () => {
    const s = await scene();
    const granted = await s.desk.post(`/api/desk/learners/${s.learner.id}/accommodations`, {
      kind: 'extra_50',
      reason: 'Trouble d’apprentissage attesté',
      grantedBy: 'Direction des études',
      validUntil: '2099-12-31',
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().accommodation).toMatchObject({ kind: 'extra_50', active: true, validUntil: '2099-12-31' });
    expect((await s.file()).json().accommodations).toEqual([granted.json().accommodation]);
    // The intro already says it; « Commencer » puts it in the deadline.
    expect((await s.browser.get(s.url)).json()).toMatchObject({ state: 'authorized', extraMinutes: 30 });
    const started = (await s.browser.post(`${s.url}/start`)).json();
    expect(Date.parse(started.deadlineAt) - Date.parse(started.startedAt)).toBe(90 * 60_000);
    expect(started.extraMinutes).toBe(30);
    const history = (await s.file()).json().attempts;
    expect(history[0]).toMatchObject({ id: s.attemptId, extraMinutes: 30 });
    expect(await auditOf('accommodation.granted', s.learner.id)).toHaveLength(1);
    const start = await auditOf('attempt.started', s.learner.id);
    expect(JSON.parse(start[0]!.payload)).toMatchObject({ extraMinutes: 30 });
  });

  it('a revoked or expired accommodation gives nothing; revoking twice is not found', async () => {
    const s = await scene();
    const url = `/api/desk/learners/${s.learner.id}/accommodations`;
    const body = { kind: 'extra_minutes', minutes: 20, reason: 'Dyslexie', grantedBy: 'Médecin', validUntil: s.today };
    const a = (await s.desk.post(url, body)).json().accommodation;
    expect(a).toMatchObject({ minutes: 20, active: true });
    expect((await s.browser.get(s.url)).json().extraMinutes).toBe(20);
    expect((await s.desk.post(`${url}/${a.id}/revoke`)).statusCode).toBe(200);
    expect((await s.desk.post(`${url}/${a.id}/revoke`)).statusCode).toBe(404);
    expect((await s.file()).json().accommodations[0]).toMatchObject({ id: a.id, active: false });
    expect((await s.browser.get(s.url)).json().extraMinutes).toBeUndefined();
    const started = (await s.browser.post(`${s.url}/start`)).json();
    expect(Date.parse(started.deadlineAt) - Date.parse(started.startedAt)).toBe(60 * 60_000);
    expect(await auditOf('accommodation.revoked', s.learner.id)).toHaveLength(1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const s = await scene();
    const url = `/api/desk/learners/${s.learner.id}/accommodations`;
    const base = { reason: 'Dyslexie', grantedBy: 'Médecin', validUntil: '2099-12-31' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, kind: 'extra_minutes' }, 'minutes'],
      [{ ...base, kind: 'extra_25', validUntil: '2001-01-01' }, 'validUntil'],
      [{ ...base, kind: 'extra_25', validUntil: '2026-02-30' }, 'validUntil'],
      [{ ...base, kind: 'double' }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const res = await s.desk.post(url, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.field, field).toBe(field);
    }
    const irr = `/api/desk/learners/${s.learner.id}/irregularities`;
    const future = new Date(t.ctx.now().getTime() + 3_600_000).toISOString();
    const bad = await s.desk.post(irr, { category: 'other', description: 'Plus tard', occurredAt: future });
    expect(bad.json().error).toMatchObject({ field: 'occurredAt' });
    const pastWeek = new Date(t.ctx.now().getTime() - 7 * 86_400_000 - 60_000).toISOString();
    const late = await s.desk.post(irr, { category: 'other', description: 'Trop tard', occurredAt: pastWeek });
    expect([late.statusCode, late.json().error.field]).toEqual([400, 'occurredAt']);
    expect((await s.desk.post(irr, { category: 'rumeur', description: 'x x x' })).json().error.field).toBe('category');
    expect((await s.file()).json()).toMatchObject({ accommodations: [], irregularities: [] });
  });

  it('reports an irregularity on an attempt: on the file, in « Bilan de la journée » and its CSV; the score is untouched', async () => {
    const s = await scene();
    await s.browser.post(`${s.url}/start`);
    const { exam_version_id } = await t.ctx.db
      .selectFrom('attempts')
      .select('exam_version_id')
      .where('id', '=', s.attemptId)
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .updateTable('exam_versions')
      .set({ title_en: 'Final exam' })
      .where('id', '=', exam_version_id)
      .execute();
    const reported = await s.desk.post(`/api/desk/learners/${s.learner.id}/irregularities`, {
      category: 'behaviour',
      description: 'Consulte son téléphone; le range à la demande',
      attemptId: s.attemptId,
    });
    expect(reported.statusCode).toBe(200);
    const irregularity = reported.json().irregularity;
    expect(irregularity).toMatchObject({ category: 'behaviour', attemptId: s.attemptId, learnerId: s.learner.id });
    // The exam's title in both languages, as every other title the desk shows.
    expect(irregularity.examTitle).toEqual({ fr: expect.any(String), en: 'Final exam' });
    expect((await s.file()).json().irregularities).toEqual([irregularity]);
    const summary = (await s.desk.get('/api/desk/summary')).json();
    expect(summary.irregularities).toEqual([irregularity]);
    const csv = (await s.desk.get('/api/desk/summary.csv')).body.slice(1).split('\r\n');
    expect(csv[3]).toBe('Irrégularités,Date,Heure,Apprenant,Examen,Catégorie,Description,Signalée par');
    expect(csv[4]).toContain(',Comportement,"Consulte son téléphone; le range à la demande",');
    // The attempt goes on: nothing about it changed.
    const row = await t.ctx.db
      .selectFrom('attempts')
      .select(['state', 'score_points'])
      .where('id', '=', s.attemptId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'in_progress', score_points: null });
    expect(await auditOf('irregularity.reported', s.learner.id)).toHaveLength(1);
  });

  it("another service point's operator: not found, as for a learner who does not exist; another learner's attempt: not found", async () => {
    const s = await scene();
    const elsewhere = await makeServicePoint(t.ctx, 'Ailleurs');
    const op = await makeOperator(t.ctx, elsewhere.id);
    const outsider = await Client.start(t.app);
    await outsider.signIn(op.username);
    const body = { category: 'identity', description: 'Photo différente' };
    const mine = await outsider.post(`/api/desk/learners/${s.learner.id}/irregularities`, body);
    const none = await outsider.post('/api/desk/learners/does-not-exist/irregularities', body);
    expect(mine.statusCode).toBe(404);
    expect(mine.body).toBe(none.body);
    const other = await scene();
    const crossed = await s.desk.post(`/api/desk/learners/${s.learner.id}/irregularities`, {
      ...body,
      attemptId: other.attemptId,
    });
    expect(crossed.statusCode).toBe(404);
    expect((await s.file()).json().irregularities).toEqual([]);
  });

  it('the manager of the learner’s service point reports one too; the manager of another point: not found', async () => {
    const s = await scene();
    const body = { category: 'technical', description: 'Écran figé, redémarré' };
    const url = (sp: string) => `/api/admin/service-points/${sp}/learners/${s.learner.id}/irregularities`;
    const theirs = await makeManager(t.ctx, s.sp.id);
    const manager = await Client.start(t.app);
    await manager.signIn(theirs.username);
    const reported = await manager.post(url(s.sp.id), { ...body, attemptId: s.attemptId });
    expect(reported.statusCode).toBe(200);
    expect(reported.json().irregularity).toMatchObject({ category: 'technical', attemptId: s.attemptId });
    const elsewhere = await makeServicePoint(t.ctx, 'Ailleurs, pour un gestionnaire');
    const other = await makeManager(t.ctx, elsewhere.id);
    const outsider = await Client.start(t.app);
    await outsider.signIn(other.username);
    const refused = await outsider.post(url(s.sp.id), body);
    expect(refused.statusCode).toBe(404);
    expect((await s.file()).json().irregularities).toHaveLength(1);
  });

  it('a manager naming an attempt of another service point: not found, even for a learner enrolled at theirs', async () => {
    const s = await scene();
    // The learner is enrolled at a second point too: its manager reaches him, never his attempt at the first.
    const elsewhere = await makeServicePoint(t.ctx, 'Ailleurs, où il est aussi inscrit');
    await enrol(t.ctx, s.learner.id, (await makeTraining(t.ctx)).trainingId, elsewhere.id);
    const manager = await Client.start(t.app);
    await manager.signIn((await makeManager(t.ctx, elsewhere.id)).username);
    const url = `/api/admin/service-points/${elsewhere.id}/learners/${s.learner.id}/irregularities`;
    const body = { category: 'other', description: 'Signalé au mauvais point' };
    const crossed = await manager.post(url, { ...body, attemptId: s.attemptId });
    const none = await manager.post(url, { ...body, attemptId: 'does-not-exist' });
    expect(crossed.statusCode).toBe(404);
    expect(crossed.body).toBe(none.body);
    // Without an attempt the learner is theirs: recorded at their point, not at the attempt's.
    expect((await manager.post(url, body)).statusCode).toBe(200);
    expect((await s.file()).json().irregularities).toEqual([]);
    expect(await auditOf('irregularity.reported', s.learner.id)).toHaveLength(1);
  });
});
