import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeOperator, makeServicePoint } from '../../../../tests/support/factories.js';
import { readsOf } from '../../../../tests/support/reads.js';
import { SseClient } from '../../../../tests/support/sse.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { LiveRowChanged, LiveRowRemoved, LiveSnapshot, TerminationFigures } from '../../../shared/live.js';
import { liveHubOf } from './live.hub.js';

type Data = LiveSnapshot | LiveRowChanged | LiveRowRemoved;

describe.each(dbKinds())('live monitoring and « Terminer l’examen » on %s', (kind) => {
  let t: TestApp;
  let base: string;
  const streams: SseClient[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => {
    for (const s of streams.splice(0)) s.close();
    t.clock.unfreeze();
  });
  afterAll(async () => t.close());

  /** A learner at the workstation, the exam authorized; the operator of that service point signed in. */
  async function room() {
    const s = await learnerAtWorkstation(t);
    const desk = await Client.start(t.app);
    await desk.signIn(s.operator.username);
    let seq = 0;
    const answer = async (itemId: string, choiceIds: string[]) => {
      const r = await s.browser.put(`${s.url}/answers/${itemId}`, { choiceIds, flagged: false, seq: ++seq });
      expect(r.statusCode, r.body).toBe(200);
    };
    const watch = async (client = desk, headers: Record<string, string> = {}, query = '') => {
      const stream = await SseClient.open(`${base}/api/desk/live${query}`, {
        cookie: client.cookieHeader(),
        ...headers,
      });
      streams.push(stream);
      return stream;
    };
    return { ...s, desk, answer, watch };
  }

  const isRow = (id: string, pred: (r: LiveRowChanged['row']) => boolean) => (event: string, d: Data) =>
    event === 'row' && (d as LiveRowChanged).row.attemptId === id && pred((d as LiveRowChanged).row);

  it('streams the room: the authorized exam, then its start, each answer and heartbeat, then it leaves', async () => {
    const r = await room();
    const live = await r.watch();
    expect(live.status).toBe(200);
    expect(live.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const { data: snap } = await live.waitFor<LiveSnapshot>((e) => e === 'snapshot');
    expect(snap.rows).toHaveLength(1);
    expect(snap.rows[0]).toMatchObject({
      attemptId: r.attemptId,
      state: 'authorized',
      learnerId: r.learner.id,
      learnerName: 'Marie Tremblay',
      workstation: 'Poste 1',
      startedAt: null,
      deadlineAt: null,
      questionCount: null,
      answered: 0,
      lastSeenAt: null,
    });

    expect((await r.browser.post(`${r.url}/start`)).statusCode).toBe(200);
    const started = await live.waitFor<LiveRowChanged>(isRow(r.attemptId, (row) => row.state === 'in_progress'));
    expect(started.data.row).toMatchObject({ answered: 0, questionCount: 5, lastSeq: 0 });
    expect(started.data.row.deadlineAt).not.toBeNull();
    expect(started.data.row.lastSeenAt).toBe(started.data.row.startedAt);

    await r.answer('q1', ['a']);
    const first = await live.waitFor<LiveRowChanged>(isRow(r.attemptId, (row) => row.lastSeq === 1));
    expect(first.data.row).toMatchObject({ answered: 1, questionCount: 5 });
    expect(first.data.row.lastAnswerAt).not.toBeNull();
    await r.answer('q2', ['true']);
    await r.answer('q2', []); // cleared: no longer answered
    const cleared = await live.waitFor<LiveRowChanged>(isRow(r.attemptId, (row) => row.lastSeq === 3));
    expect(cleared.data.row.answered).toBe(1);

    t.clock.advance(20_000);
    expect((await r.browser.post(`${r.url}/heartbeat`)).statusCode).toBe(200);
    const beat = await live.waitFor<LiveRowChanged>(isRow(r.attemptId, (row) => row.lastSeenAt! > row.lastAnswerAt!));
    expect(beat.data.row.lastSeenAt).toBe(t.clock.now.toISOString());

    expect((await r.browser.post(`${r.url}/submit`)).statusCode).toBe(200);
    const gone = await live.waitFor<LiveRowRemoved>((e, d) => e === 'removed' && d.attemptId === r.attemptId);
    expect(gone.data).toMatchObject({ learnerId: r.learner.id, state: 'submitted' });
    // Every event has an id the browser resumes from.
    expect(live.events.every((e) => /^[\w-]+-\d+$/.test(e.id ?? ''))).toBe(true);
  });

  it('a heartbeat moves the row’s « last seen » on without reading the attempt (neither the beat nor the list)', async () => {
    const r = await room();
    const live = await r.watch();
    await live.waitFor((e) => e === 'snapshot');
    expect((await r.browser.post(`${r.url}/start`)).statusCode).toBe(200);
    await live.waitFor<LiveRowChanged>(isRow(r.attemptId, (row) => row.state === 'in_progress'));
    t.clock.advance(15_000);
    // Every read of the attempts table from the beat to its row on the list (before: the access check's, the list's).
    const reads = await readsOf(t.ctx.db, 'attempts', async () => {
      expect((await r.browser.post(`${r.url}/heartbeat`)).statusCode).toBe(200);
      const beat = await live.waitFor<LiveRowChanged>(isRow(r.attemptId, (row) => row.lastSeenAt! > row.startedAt!));
      expect(beat.data.row.lastSeenAt).toBe(t.clock.now.toISOString());
      expect(beat.data.row).toMatchObject({ state: 'in_progress', learnerName: 'Marie Tremblay', answered: 0 });
    });
    expect(reads).toBe(0);
    // The list's periodic comparison with the database finds nothing to send: the row is what the database says.
    const sent = live.events.length;
    await (liveHubOf(t.ctx) as unknown as { reconcileAll(): Promise<void> }).reconcileAll();
    await liveHubOf(t.ctx)!.settled(r.sp.id);
    await r.answer('q1', ['a']);
    await live.waitFor<LiveRowChanged>(isRow(r.attemptId, (row) => row.lastSeq === 1));
    expect(live.events.length).toBe(sent + 1);
  });

  it('the lists compare with the database in one query for many service points, and send only what differs', async () => {
    const rooms: Awaited<ReturnType<typeof room>>[] = [];
    for (let i = 0; i < 5; i++) rooms.push(await room());
    expect(new Set(rooms.map((r) => r.sp.id)).size).toBe(5);
    const lists: SseClient[] = [];
    for (const r of rooms) {
      expect((await r.browser.post(`${r.url}/start`)).statusCode).toBe(200);
      const live = await r.watch();
      await live.waitFor<LiveSnapshot>((e, d) => e === 'snapshot' && d.rows[0]?.state === 'in_progress');
      lists.push(live);
    }
    // An event this instance missed (a lost database connection): one attempt's deadline moved behind its back.
    const moved = new Date(Date.parse(t.clock.now.toISOString()) + 3_600_000).toISOString();
    await t.ctx.db.updateTable('attempts').set({ deadline_at: moved }).where('id', '=', rooms[2]!.attemptId).execute();
    const sent = lists.map((l) => l.events.length);
    const reads = await readsOf(t.ctx.db, 'attempts', async () => {
      // What the hub runs every 30 s.
      await (liveHubOf(t.ctx) as unknown as { reconcileAll(): Promise<void> }).reconcileAll();
      const row = await lists[2]!.waitFor<LiveRowChanged>(isRow(rooms[2]!.attemptId, (x) => x.deadlineAt === moved));
      expect(row.data.row.state).toBe('in_progress');
    });
    // One query for the five lists (before: one each, at once), then the row that differs read again in its list's turn.
    expect(reads).toBe(2);
    for (const r of rooms) await liveHubOf(t.ctx)!.settled(r.sp.id);
    expect(lists.map((l, i) => l.events.length - sent[i]!)).toEqual([0, 0, 1, 0, 0]);
  });

  it('a cancelled authorization leaves the list too', async () => {
    const r = await room();
    const live = await r.watch();
    await live.waitFor((e) => e === 'snapshot');
    expect((await r.desk.post(`/api/desk/attempts/${r.attemptId}/cancel`)).statusCode).toBe(200);
    const gone = await live.waitFor<LiveRowRemoved>((e, d) => e === 'removed' && d.attemptId === r.attemptId);
    expect(gone.data.state).toBe('cancelled');
  });

  it('a reconnecting client resumes from Last-Event-ID; one it cannot resume gets a full snapshot', async () => {
    const r = await room();
    const first = await r.watch();
    const { event: snapEvent } = await first.waitFor((e) => e === 'snapshot');
    await r.browser.post(`${r.url}/start`);
    const started = await first.waitFor<LiveRowChanged>(isRow(r.attemptId, (row) => row.state === 'in_progress'));
    first.close();

    // Missed while away: two answers.
    await r.answer('q1', ['a']);
    await r.answer('q3', ['a', 'b']);
    await liveHubOf(t.ctx)!.settled(r.sp.id);

    const resumed = await r.watch(r.desk, { 'last-event-id': started.event.id! });
    const caughtUp = await resumed.waitFor<LiveRowChanged>(isRow(r.attemptId, (row) => row.lastSeq === 2));
    expect(caughtUp.data.row.answered).toBe(2);
    expect(resumed.events.map((e) => e.event)).not.toContain('snapshot');
    expect(resumed.events.map((e) => e.event).every((e) => e === 'row')).toBe(true);

    // The same, resuming from the snapshot's id (first connection's), by query (a page reopened).
    const fromSnapshot = await r.watch(r.desk, {}, `?lastEventId=${encodeURIComponent(snapEvent.id!)}`);
    await fromSnapshot.waitFor<LiveRowChanged>(isRow(r.attemptId, (row) => row.lastSeq === 2));
    expect(fromSnapshot.events[0]!.event).toBe('row');

    // An id from another instance, a restart, or too long ago: everything as it is now.
    for (const id of ['zzzzzzzz-3', 'garbage', `${started.event.id!.split('-')[0]}-999999`]) {
      const fresh = await r.watch(r.desk, { 'last-event-id': id });
      const { data } = await fresh.waitFor<LiveSnapshot>((e) => e === 'snapshot');
      expect(data.rows.find((x) => x.attemptId === r.attemptId)).toMatchObject({ answered: 2, lastSeq: 2 });
    }
  });

  it('keeps every service point to itself: another point’s operator, a learner, nobody', async () => {
    const r = await room();
    const elsewhere = await makeServicePoint(t.ctx, `Ailleurs ${kind}`);
    const outsiderUser = await makeOperator(t.ctx, elsewhere.id);
    const outsider = await Client.start(t.app);
    await outsider.signIn(outsiderUser.username);

    // Asking for this point's stream answers exactly like asking for a point that does not exist.
    const theirs = await r.watch(outsider, {}, `?servicePointId=${r.sp.id}`);
    const missing = await r.watch(outsider, {}, `?servicePointId=does-not-exist`);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toBe(missing.body);

    // Their own stream never carries this point's exams.
    const own = await r.watch(outsider);
    const { data: snap } = await own.waitFor<LiveSnapshot>((e) => e === 'snapshot');
    expect(snap.rows).toEqual([]);
    const mine = await r.watch();
    await mine.waitFor((e) => e === 'snapshot');
    await r.browser.post(`${r.url}/start`);
    await r.answer('q1', ['a']);
    await mine.waitFor<LiveRowChanged>(isRow(r.attemptId, (row) => row.lastSeq === 1));
    await liveHubOf(t.ctx)!.settled(elsewhere.id);
    expect(own.events.map((e) => e.event)).toEqual(['snapshot']);

    // Figures and « Terminer l'examen » of this point's exam: as for an exam that does not exist.
    for (const [method, path] of [
      ['GET', 'figures'],
      ['POST', 'terminate'],
    ] as const) {
      const a = await outsider.request({ method, url: `/api/desk/attempts/${r.attemptId}/${path}` });
      const b = await outsider.request({ method, url: `/api/desk/attempts/does-not-exist/${path}` });
      expect(a.statusCode, path).toBe(404);
      expect(a.body).toBe(b.body);
    }
    const row = await t.ctx.db.selectFrom('attempts').select('state').where('id', '=', r.attemptId).executeTakeFirst();
    expect(row?.state).toBe('in_progress');

    // The learner is no operator: refused on every monitoring route; without a session, asked to sign in.
    const anonymous = await Client.start(t.app);
    const routes = [
      ['GET', '/api/desk/live'],
      ['GET', `/api/desk/attempts/${r.attemptId}/figures`],
      ['POST', `/api/desk/attempts/${r.attemptId}/terminate`],
      ['GET', '/api/desk/summary'],
      ['GET', '/api/desk/summary.csv'],
      ['POST', '/api/desk/keep-alive'],
    ] as const;
    for (const [method, url] of routes) {
      expect((await r.browser.request({ method, url })).statusCode, `${method} ${url}`).toBe(403);
      expect((await anonymous.request({ method, url })).statusCode, `${method} ${url}`).toBe(401);
    }
    const learnerStream = await r.watch(r.browser);
    expect(learnerStream.status).toBe(403);
    expect(JSON.parse(learnerStream.body)).toMatchObject({ error: { code: 'forbidden' } });
    expect(
      (await t.ctx.db.selectFrom('attempts').select('state').where('id', '=', r.attemptId).executeTakeFirst())?.state,
    ).toBe('in_progress');
  });

  it('« Terminer l’examen »: the figures first, then terminated and scored once; a second time changes nothing', async () => {
    const r = await room();
    const live = await r.watch();
    await live.waitFor((e) => e === 'snapshot');
    await r.browser.post(`${r.url}/start`);
    await r.answer('q1', ['a']); // 1 point
    await r.answer('q3', ['a', 'b']); // 2 points
    await r.answer('q5', ['a']); // wrong

    const figures = await r.desk.get(`/api/desk/attempts/${r.attemptId}/figures`);
    expect(figures.statusCode).toBe(200);
    expect(figures.json()).toMatchObject({
      attemptId: r.attemptId,
      learnerName: 'Marie Tremblay',
      answered: 3,
      questionCount: 5,
      points: 3,
      maxPoints: 8,
      percentage: 37.5,
      passingMark: 80,
      outcome: 'failed',
    } satisfies Partial<TerminationFigures>);

    const ended = await r.desk.post(`/api/desk/attempts/${r.attemptId}/terminate`);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({
      result: { state: 'terminated', scorePoints: 3, maxPoints: 8, percentage: 37.5, outcome: 'failed' },
    });
    const gone = await live.waitFor<LiveRowRemoved>((e, d) => e === 'removed' && d.attemptId === r.attemptId);
    expect(gone.data.state).toBe('terminated');

    const stored = await t.ctx.db
      .selectFrom('attempts')
      .selectAll()
      .where('id', '=', r.attemptId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ state: 'terminated', ended_by: r.operator.id, outcome: 'failed' });
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'service_point_id'])
      .where('action', '=', 'attempt.terminated')
      .where('payload', 'like', `%${r.attemptId}%`)
      .execute();
    expect(audits).toEqual([{ action: 'attempt.terminated', actor_id: stored.ended_by, service_point_id: r.sp.id }]);

    // The learner's page learns it at its next heartbeat or save, and shows the result.
    expect((await r.browser.post(`${r.url}/heartbeat`)).json()).toMatchObject({ state: 'terminated' });
    expect((await r.browser.get(r.url)).json()).toMatchObject({
      state: 'terminated',
      result: { state: 'terminated', scorePoints: 3, outcome: 'failed' },
    });
    const late = await r.browser.put(`${r.url}/answers/q2`, { choiceIds: ['true'], flagged: false, seq: 9 });
    expect(late.json()).toMatchObject({ error: { code: 'attempt_ended' } });

    // Again: a clear message, nothing changed.
    const again = await r.desk.post(`/api/desk/attempts/${r.attemptId}/terminate`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: { code: 'attempt_already_ended', message: 'Cet examen est déjà terminé : rien n’a été changé.' },
    });
    const figuresAfter = await r.desk.get(`/api/desk/attempts/${r.attemptId}/figures`);
    expect(figuresAfter.json()).toMatchObject({ error: { code: 'attempt_already_ended' } });
    const after = await t.ctx.db
      .selectFrom('attempts')
      .selectAll()
      .where('id', '=', r.attemptId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(stored);
  });

  it('an exam not started cannot be ended (its access is cancelled instead); nothing changes', async () => {
    const r = await room();
    const res = await r.desk.post(`/api/desk/attempts/${r.attemptId}/terminate`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'attempt_not_in_progress' } });
    expect(res.json().error.message).toContain('« Annuler l’accès à l’examen »');
    const row = await t.ctx.db.selectFrom('attempts').select('state').where('id', '=', r.attemptId).executeTakeFirst();
    expect(row?.state).toBe('authorized');
  });

  it('closes the stream once the operator’s session has idled out, and the keep-alive counts as activity', async () => {
    const r = await room();
    const alive = await r.desk.post('/api/desk/keep-alive');
    expect(alive.statusCode).toBe(200);
    const { serverNow, endsAt } = alive.json() as { serverNow: string; endsAt: string };
    expect(Date.parse(endsAt) - Date.parse(serverNow)).toBe(30 * 60_000);

    const live = await r.watch();
    await live.waitFor((e) => e === 'snapshot');
    t.clock.advance(29 * 60_000);
    await liveHubOf(t.ctx)!.maintainNow();
    expect(live.ended).toBe(false);
    t.clock.advance(2 * 60_000);
    await liveHubOf(t.ctx)!.maintainNow();
    await live.waitFor((e) => e === 'session_expired', 2000);
    await live.done;
    expect((await r.desk.get('/api/desk/summary')).json()).toMatchObject({ error: { code: 'session_expired' } });
  });
});
