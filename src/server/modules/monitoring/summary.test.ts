import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workstationCookie } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeAuthorizedAttempt,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
} from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { WORKSTATION_COOKIE } from '../../http/workstation.js';
import type { DailySummary } from '../../../shared/live.js';
import { lapseStaleAuthorizations } from '../attempts/transitions/lapse.js';
import { localDate } from '../service-points/service-points.service.js';

describe.each(dbKinds())('the service point’s day on %s', (kind) => {
  let t: TestApp;
  let desk: Client;
  let today: string;
  let yesterday: string;
  let spName: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const sp = await makeServicePoint(t.ctx, `Point du bilan ${kind}`, 6);
    spName = sp.name;
    const operator = await makeOperator(t.ctx, sp.id);
    const training = await makeTraining(t.ctx, { passingMark: 60 });
    desk = await Client.start(t.app);
    await desk.signIn(operator.username);
    today = localDate(t.ctx.now(), 'America/Toronto');
    yesterday = localDate(new Date(t.ctx.now().getTime() - 86_400_000), 'America/Toronto');

    /** Six learners, each with an exam authorized today at their own workstation. */
    const seats = [];
    for (let i = 0; i < 6; i++) {
      const learner = await makeLearner(t.ctx, { lastName: `Bilan${i}` });
      const enrolmentId = await enrol(t.ctx, learner.id, training.trainingId, sp.id);
      const attemptId = await makeAuthorizedAttempt(t.ctx, {
        userId: learner.id,
        enrolmentId,
        examId: training.examId,
        versionId: training.versionId,
        servicePointId: sp.id,
        workstationId: sp.workstations[i]!.id,
        operatorId: operator.id,
      });
      const browser = await Client.start(t.app);
      browser.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, sp.workstations[i]!.id));
      await browser.signIn(learner.username);
      seats.push({ browser, url: `/api/attempts/${attemptId}`, attemptId });
    }
    const [passes, ended, cancelled, , running, lapses] = seats;
    // Passes: every answer right, « Terminer ».
    await passes!.browser.post(`${passes!.url}/start`);
    let seq = 0;
    for (const [item, choices] of [
      ['q1', ['a']],
      ['q2', ['true']],
      ['q3', ['a', 'b']],
      ['q4', ['a', 'b', 'd']],
    ] as const)
      await passes!.browser.put(`${passes!.url}/answers/${item}`, { choiceIds: choices, flagged: false, seq: ++seq });
    expect((await passes!.browser.post(`${passes!.url}/submit`)).json()).toMatchObject({ won: true });
    // Ended by the operator after one answer: failed.
    await ended!.browser.post(`${ended!.url}/start`);
    await ended!.browser.put(`${ended!.url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 });
    expect((await desk.post(`/api/desk/attempts/${ended!.attemptId}/terminate`)).statusCode).toBe(200);
    // Access cancelled by the operator.
    expect((await desk.post(`/api/desk/attempts/${cancelled!.attemptId}/cancel`)).statusCode).toBe(200);
    // Still running.
    await running!.browser.post(`${running!.url}/start`);
    // Authorized yesterday and never started: lapses when the day closes (counted yesterday).
    await t.ctx.db
      .updateTable('attempts')
      .set({ authorized_for: yesterday })
      .where('id', '=', lapses!.attemptId)
      .execute();
    expect(await lapseStaleAuthorizations(t.ctx)).toBe(1);
  });
  afterAll(async () => t.close());

  it('counts the day’s exams: authorized, started, passed, failed, ended by the operator, cancelled', async () => {
    const res = await desk.get('/api/desk/summary');
    expect(res.statusCode).toBe(200);
    const s = res.json() as DailySummary;
    expect(s.date).toBe(today);
    expect(s.servicePoint.name).toBe(spName);
    expect(s.counts).toEqual({ authorized: 5, started: 3, passed: 1, failed: 1, terminated: 1, cancelled: 1 });
    expect(s.attempts.map((a) => a.state).sort()).toEqual(
      ['authorized', 'cancelled', 'in_progress', 'submitted', 'terminated'].sort(),
    );
    const passed = s.attempts.find((a) => a.state === 'submitted')!;
    expect(passed).toMatchObject({ outcome: 'passed', scorePoints: 7, maxPoints: 8, percentage: 87.5 });
    expect(passed.learnerName).toMatch(/^Marie Bilan\d$/);

    const y = (await desk.get(`/api/desk/summary?date=${yesterday}`)).json() as DailySummary;
    expect(y.counts).toEqual({ authorized: 1, started: 0, passed: 0, failed: 0, terminated: 0, cancelled: 1 });
    expect((await desk.get('/api/desk/summary?date=2001-01-01')).json()).toMatchObject({
      counts: { authorized: 0, started: 0, passed: 0, failed: 0, terminated: 0, cancelled: 0 },
      attempts: [],
    });
  });

  it('downloads it as CSV, one line per day, for a spreadsheet', async () => {
    const res = await desk.get(`/api/desk/summary.csv?from=${yesterday}&to=${today}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="bilan-${yesterday}_${today}.csv"`);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    expect(res.body.slice(1).split('\r\n')).toEqual([
      'Date,Point de service,Autorisés,Commencés,Réussis,Échoués,Terminés par l’opérateur,Annulés',
      `${yesterday},${spName},1,0,0,0,0,1`,
      `${today},${spName},5,3,1,1,1,1`,
      '',
    ]);
    const one = await desk.get(`/api/desk/summary.csv?date=${today}`);
    expect(one.body.slice(1).split('\r\n')).toHaveLength(3);
  });

  it('refuses a day that does not exist, and a range backwards or longer than a year', async () => {
    for (const q of ['date=2026-02-30', 'date=today', 'from=2026-03-02&to=2026-03-01', 'from=2024-01-01&to=2026-01-01'])
      expect((await desk.get(`/api/desk/summary.csv?${q}`)).json(), q).toMatchObject({ error: { code: 'validation' } });
    expect((await desk.get('/api/desk/summary?date=2026-13-01')).statusCode).toBe(400);
  });

  it('shows another service point’s operator only their own day', async () => {
    const other = await makeServicePoint(t.ctx, `Autre point ${kind}`);
    const op = await makeOperator(t.ctx, other.id);
    const c = await Client.start(t.app);
    await c.signIn(op.username);
    const s = (await c.get('/api/desk/summary')).json() as DailySummary;
    expect(s.servicePoint.id).toBe(other.id);
    expect(s.counts.authorized).toBe(0);
    expect(s.attempts).toEqual([]);
  });
});
