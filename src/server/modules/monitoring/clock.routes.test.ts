import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation, workstationCookie } from '../../../../tests/support/attempts.js';
import { WORKSTATION_COOKIE } from '../../http/workstation.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeOperator, makeServicePoint } from '../../../../tests/support/factories.js';
import { SseClient } from '../../../../tests/support/sse.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { buildApp } from '../../app.js';
import type { AttemptSignal } from '../../../shared/live.js';
import { expireDue } from '../attempts/transitions/expire.js';

const PUSH_WITHIN_MS = 2000;
const MINUTE = 60_000;

describe.each(dbKinds())('the operator’s hands on the exam clock (%s)', (kind) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  /** A learner in progress, and the operator of their service point signed in. */
  async function running(lang: 'fr' | 'en' = 'fr') {
    const s = await learnerAtWorkstation(t, { durationMinutes: 30 });
    const started = await s.browser.post(`${s.url}/start`);
    expect(started.statusCode).toBe(200);
    const desk = await Client.start(t.app, lang);
    await desk.signIn(s.operator.username);
    const stored = async () =>
      t.ctx.db
        .selectFrom('attempts')
        .select(['state', 'deadline_at', 'paused_at', 'paused_ms'])
        .where('id', '=', s.attemptId)
        .executeTakeFirstOrThrow();
    const audits = async () =>
      (
        await t.ctx.db
          .selectFrom('audit_log')
          .select(['action', 'payload'])
          .where('action', 'in', ['attempt.paused', 'attempt.resumed', 'attempt.time_added'])
          .orderBy('id')
          .execute()
      )
        .map((r) => ({ action: r.action, payload: JSON.parse(r.payload) as { attemptId: string } }))
        .filter((r) => r.payload.attemptId === s.attemptId);
    return { ...s, desk, deadlineAt: (started.json() as { deadlineAt: string }).deadlineAt, stored, audits };
  }

  it('pause, resume and added time reach the learner’s stream within 2 s', async () => {
    const s = await running();
    const stream = await SseClient.open(`${base}${s.url}/events`, { cookie: s.browser.cookieHeader() });
    await stream.waitFor<AttemptSignal>((e, d) => e === 'attempt' && d.state === 'in_progress', 5000);

    let sentAt = performance.now();
    const paused = await s.desk.post(`/api/desk/attempts/${s.attemptId}/pause`, { reason: 'Pause sanitaire' });
    expect(paused.statusCode).toBe(200);
    const heardPause = await stream.waitFor<AttemptSignal>((e, d) => e === 'attempt' && d.pausedAt !== null, 5000);
    expect(heardPause.event.at - sentAt).toBeLessThan(PUSH_WITHIN_MS);
    expect(heardPause.data.pausedAt).toBe(paused.json().pausedAt);

    sentAt = performance.now();
    expect((await s.desk.post(`/api/desk/attempts/${s.attemptId}/resume`)).statusCode).toBe(200);
    const heardResume = await stream.waitFor<AttemptSignal>(
      (e, d) => e === 'attempt' && d.pausedAt === null && d.deadlineAt !== s.deadlineAt,
      5000,
    );
    expect(heardResume.event.at - sentAt).toBeLessThan(PUSH_WITHIN_MS);

    sentAt = performance.now();
    const added = await s.desk.post(`/api/desk/attempts/${s.attemptId}/time`, { minutes: 15, reason: 'Mesure' });
    expect(added.statusCode).toBe(200);
    const heardTime = await stream.waitFor<AttemptSignal>(
      (e, d) => e === 'attempt' && d.deadlineAt === added.json().deadlineAt,
      5000,
    );
    expect(heardTime.event.at - sentAt).toBeLessThan(PUSH_WITHIN_MS);
    expect(Date.parse(heardTime.data.deadlineAt!) - Date.parse(heardResume.data.deadlineAt!)).toBe(15 * MINUTE);
    stream.close();
  });

  it('while paused: no answer (409 « Examen en pause », fr and en), no expiry; « Reprendre » moves the deadline by the paused time', async () => {
    const s = await running();
    const t0 = Date.now();
    t.clock.freezeAt(new Date(t0));
    try {
      const paused = await s.desk.post(`/api/desk/attempts/${s.attemptId}/pause`, { reason: 'Toilettes' });
      expect(paused.json()).toMatchObject({ pausedAt: new Date(t0).toISOString(), deadlineAt: s.deadlineAt });
      // A second « Mettre en pause » changes nothing: the first pause's start stands.
      t.clock.advance(MINUTE);
      expect((await s.desk.post(`/api/desk/attempts/${s.attemptId}/pause`, { reason: 'encore' })).json().pausedAt).toBe(
        new Date(t0).toISOString(),
      );

      const refused = await s.browser.put(`${s.url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({
        code: 'attempt_paused',
        message: expect.stringMatching(/^Examen en pause/),
      });
      // The same learner, English chosen in « Mon compte », on the same workstation.
      await t.ctx.db.updateTable('users').set({ language: 'en' }).where('id', '=', s.learner.id).execute();
      const en = await Client.start(t.app, 'en');
      en.cookies.set(WORKSTATION_COOKIE, s.browser.cookies.get(WORKSTATION_COOKIE)!);
      await en.signIn(s.learner.username);
      const refusedEn = await en.put(`${s.url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 });
      expect(refusedEn.json().error.message).toMatch(/^Exam paused/);

      // Past the deadline while paused: the sweep leaves it in progress.
      t.clock.freezeAt(new Date(Date.parse(s.deadlineAt) + 5 * MINUTE));
      await expireDue(t.ctx);
      expect((await s.stored()).state).toBe('in_progress');
      expect((await en.get(s.url)).json()).toMatchObject({
        state: 'in_progress',
        pausedAt: new Date(t0).toISOString(),
      });

      const resumedAt = Date.parse(s.deadlineAt) + 5 * MINUTE;
      // 35 minutes later the operator's idle session has ended: they sign in again.
      const desk = await Client.start(t.app);
      await desk.signIn(s.operator.username);
      const resumed = await desk.post(`/api/desk/attempts/${s.attemptId}/resume`);
      expect(resumed.statusCode).toBe(200);
      const pausedFor = resumedAt - t0;
      expect(resumed.json()).toMatchObject({
        pausedAt: null,
        deadlineAt: new Date(Date.parse(s.deadlineAt) + pausedFor).toISOString(),
      });
      expect(await s.stored()).toMatchObject({ paused_at: null });
      expect(Number((await s.stored()).paused_ms)).toBe(pausedFor);
      // The English browser signed in last: the exam goes on there (one browser per attempt).
      const saved = await en.put(`${s.url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 });
      expect(saved.statusCode).toBe(200);
      expect(await expireDue(t.ctx)).toBe(0);
      expect((await s.audits()).map((a) => a.action)).toEqual(['attempt.paused', 'attempt.resumed']);
      expect((await s.audits())[0]!.payload).toMatchObject({ reason: 'Toilettes', room: false });
    } finally {
      t.clock.unfreeze();
    }
  });

  it('while paused: the learner’s « Terminer » is refused too (409, fr and en), and accepted once resumed', async () => {
    const s = await running();
    expect((await s.browser.put(`${s.url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 })).statusCode).toBe(
      200,
    );
    expect((await s.desk.post(`/api/desk/attempts/${s.attemptId}/pause`, { reason: 'Alarme' })).statusCode).toBe(200);
    const refused = await s.browser.post(`${s.url}/submit`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'submit_paused',
      message: 'Examen en pause : vous pourrez terminer l’examen à la reprise.',
    });
    await t.ctx.db.updateTable('users').set({ language: 'en' }).where('id', '=', s.learner.id).execute();
    const en = await Client.start(t.app, 'en');
    en.cookies.set(WORKSTATION_COOKIE, s.browser.cookies.get(WORKSTATION_COOKIE)!);
    await en.signIn(s.learner.username);
    expect((await en.post(`${s.url}/submit`)).json().error.message).toBe(
      'Exam paused: you can finish the exam once it resumes.',
    );
    expect((await s.stored()).state).toBe('in_progress');
    expect(
      await t.ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'attempt.submitted')
        .where('payload', 'like', `%${s.attemptId}%`)
        .execute(),
    ).toHaveLength(0);

    expect((await s.desk.post(`/api/desk/attempts/${s.attemptId}/resume`)).statusCode).toBe(200);
    const submitted = await en.post(`${s.url}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect((await s.stored()).state).toBe('submitted');
  });

  it('a paused attempt stays paused after a restart, and the restarted server resumes it', async () => {
    const s = await running();
    await s.desk.post(`/api/desk/attempts/${s.attemptId}/pause`, { reason: 'Panne de courant' });
    const built = await buildApp({ config: t.ctx.config, database: t.database.handle, now: t.ctx.now });
    try {
      await built.app.ready();
      const again = await Client.start(built.app);
      again.cookies = s.browser.cookies;
      const page = (await again.get(s.url)).json();
      expect(page.pausedAt).not.toBeNull();
      const desk = await Client.start(built.app);
      await desk.signIn(s.operator.username);
      expect((await desk.post(`/api/desk/attempts/${s.attemptId}/resume`)).json().pausedAt).toBeNull();
    } finally {
      await built.app.close();
    }
  });

  it('« Ajouter du temps »: 1 to 120 minutes with a reason, audited; refused before « Commencer »', async () => {
    const s = await running();
    for (const body of [{ minutes: 0, reason: 'x y z' }, { minutes: 121, reason: 'x y z' }, { minutes: 5 }])
      expect((await s.desk.post(`/api/desk/attempts/${s.attemptId}/time`, body)).statusCode).toBe(400);
    const added = await s.desk.post(`/api/desk/attempts/${s.attemptId}/time`, {
      minutes: 10,
      reason: 'Mesure d’adaptation',
    });
    expect(added.json().deadlineAt).toBe(new Date(Date.parse(s.deadlineAt) + 10 * MINUTE).toISOString());
    expect((await s.audits()).map((a) => a.payload)).toEqual([
      expect.objectContaining({ minutes: 10, reason: 'Mesure d’adaptation', deadlineBefore: s.deadlineAt }),
    ]);

    const waiting = await learnerAtWorkstation(t);
    const desk = await Client.start(t.app);
    await desk.signIn(waiting.operator.username);
    const early = await desk.post(`/api/desk/attempts/${waiting.attemptId}/time`, { minutes: 5, reason: 'trop tôt' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('attempt_not_in_progress');
  });

  it('the room’s pause takes every attempt in progress at the operator’s service point, and no other', async () => {
    const here = await running();
    const elsewhere = await running();
    const room = await here.desk.post('/api/desk/room/pause', { reason: 'Alarme incendie' });
    expect(room.statusCode).toBe(200);
    expect(room.json().changed).toBe(1);
    expect((await here.stored()).paused_at).not.toBeNull();
    expect((await elsewhere.stored()).paused_at).toBeNull();
    expect((await here.audits())[0]!.payload).toMatchObject({ reason: 'Alarme incendie', room: true });
    const back = await here.desk.post('/api/desk/room/resume');
    expect(back.json().changed).toBe(1);
    expect((await here.stored()).paused_at).toBeNull();
  });

  it('« Déplacer vers un autre poste »: the clock stands still from the move until the learner opens the exam on the new workstation, answers there', async () => {
    const s = await running();
    expect((await s.browser.put(`${s.url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 })).statusCode).toBe(
      200,
    );
    const t0 = Date.now();
    t.clock.freezeAt(new Date(t0));
    try {
      const target = s.sp.workstations[1]!;
      const moved = await s.desk.post(`/api/desk/attempts/${s.attemptId}/move`, {
        workstationId: target.id,
        reason: 'Écran en panne',
      });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ pausedAt: new Date(t0).toISOString(), deadlineAt: s.deadlineAt });
      // The old workstation may no longer answer.
      expect(
        (await s.browser.put(`${s.url}/answers/q2`, { choiceIds: ['true'], flagged: false, seq: 2 })).statusCode,
      ).toBe(403);

      t.clock.advance(4 * MINUTE);
      const there = await Client.start(t.app);
      there.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, target.id));
      await there.signIn(s.learner.username);
      const opened = (await there.get(s.url)).json();
      expect(opened).toMatchObject({
        state: 'in_progress',
        pausedAt: null,
        deadlineAt: new Date(Date.parse(s.deadlineAt) + 4 * MINUTE).toISOString(),
        answers: { q1: { choiceIds: ['a'] } },
      });
      expect((await there.put(`${s.url}/answers/q2`, { choiceIds: ['true'], flagged: false, seq: 2 })).statusCode).toBe(
        200,
      );
      expect((await s.audits()).map((a) => a.action)).toEqual(['attempt.resumed']);
      const movedAudit = await t.ctx.db
        .selectFrom('audit_log')
        .select('payload')
        .where('action', '=', 'attempt.moved')
        .execute();
      expect(
        movedAudit
          .map((r) => JSON.parse(r.payload) as { attemptId: string })
          .filter((p) => p.attemptId === s.attemptId),
      ).toEqual([expect.objectContaining({ toWorkstationId: target.id, reason: 'Écran en panne' })]);
    } finally {
      t.clock.unfreeze();
    }
  });

  it('another service point’s operator gets the same 404 as for an attempt that does not exist', async () => {
    const s = await running();
    const sp = await makeServicePoint(t.ctx);
    const other = await makeOperator(t.ctx, sp.id);
    const stranger = await Client.start(t.app);
    await stranger.signIn(other.username);
    for (const [path, body] of [
      ['pause', { reason: 'pas la mienne' }],
      ['resume', undefined],
      ['time', { minutes: 5, reason: 'pas la mienne' }],
      ['move', { workstationId: sp.workstations[0]!.id, reason: 'pas la mienne' }],
    ] as const) {
      const theirs = await stranger.post(`/api/desk/attempts/${s.attemptId}/${path}`, body);
      const none = await stranger.post(`/api/desk/attempts/nothing-here/${path}`, body);
      expect([theirs.statusCode, none.statusCode]).toEqual([404, 404]);
      expect(theirs.json()).toEqual(none.json());
    }
    expect(await s.stored()).toMatchObject({ paused_at: null, deadline_at: s.deadlineAt });
    expect(await s.audits()).toEqual([]);
  });
});
