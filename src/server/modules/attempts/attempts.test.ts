import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerAtWorkstation, workstationCookie } from '../../../../tests/support/attempts.js';
import { dbKinds } from '../../../../tests/support/databases.js';
import { readsOf } from '../../../../tests/support/reads.js';
import { makeLearner, makeServicePoint, PASSWORD } from '../../../../tests/support/factories.js';
import { makeExamRoom, type Seat } from '../../../../tests/support/exam-room.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { verifyChain } from '../audit/audit.service.js';
import type { DomainEvent } from '../../events.js';
import { WORKSTATION_COOKIE } from '../../http/workstation.js';
import type { AttemptPaper } from '../../../shared/exam.js';

describe.each(dbKinds())('opening and starting an exam on %s', (kind) => {
  let t: TestApp;
  const events: DomainEvent[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind);
    t.ctx.events.subscribe((e) => events.push(e));
  });
  afterAll(async () => t.close());

  /** A room's seat posts to its attempt (`start`, `heartbeat`) from its workstation. */
  const post = (seat: Seat, path: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/attempts/${seat.attemptId}/${path}`,
      headers: { cookie: seat.cookie, 'x-csrf-token': seat.csrf },
    });
  const attemptRow = (id: string) =>
    t.ctx.db.selectFrom('attempts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditRows = (attemptId: string) =>
    t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'service_point_id', 'payload'])
      .where('payload', 'like', `%${attemptId}%`)
      .orderBy('id')
      .execute();

  it('shows the intro before « Commencer »: title, number of questions, duration, passing mark, rules, no question', async () => {
    const s = await learnerAtWorkstation(t, { durationMinutes: 45, passingMark: 75, drawCount: 4 });
    const res = await s.browser.get(s.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({
      state: 'authorized',
      title: { fr: `Examen ${s.training.code}` },
      durationMinutes: 45,
      passingMark: 75,
      questionCount: 4,
      deadlineAt: null,
      workstation: { name: 'Poste 1', servicePointName: s.sp.name },
    });
    expect(body.rules.length).toBeGreaterThan(2);
    expect(body.rules.map((r: { fr: string }) => r.fr).join(' ')).toContain('« Commencer »');
    expect(body.rules.every((r: { en?: string }) => !!r.en)).toBe(true);
    expect(body.items).toBeUndefined();
    expect(Math.abs(new Date(body.serverNow).getTime() - Date.now())).toBeLessThan(5000);
  });

  it('« Commencer » starts it once: deadline from the server clock, paper drawn, enrolment in progress, audited, announced', async () => {
    const s = await learnerAtWorkstation(t, { durationMinutes: 30, drawCount: 3 });
    // The server's clock, frozen: the deadline is computed from it, not from anything the browser says.
    const start = new Date(Math.floor(Date.now() / 1000) * 1000);
    const at = start.toISOString();
    const deadline = new Date(start.getTime() + 30 * 60_000).toISOString();
    t.clock.freezeAt(start);
    try {
      const res = await s.browser.post(`${s.url}/start`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.state).toBe('in_progress');
      expect(body.startedAt).toBe(at);
      expect(body.deadlineAt).toBe(deadline);
      expect(body.serverNow).toBe(at);
      expect(body.items).toHaveLength(3);
      expect(body.answers).toEqual({});
      const row = await attemptRow(s.attemptId);
      expect(row.state).toBe('in_progress');
      expect(row.deadline_at).toBe(deadline);
      const paper = JSON.parse(row.items!) as AttemptPaper;
      expect(paper.items.map((i) => i.id)).toEqual(body.items.map((i: { id: string }) => i.id));
      const enrolment = await t.ctx.db
        .selectFrom('enrolments')
        .select('status')
        .where('id', '=', s.enrolmentId)
        .executeTakeFirstOrThrow();
      expect(enrolment.status).toBe('exam_in_progress');

      // Pressed again (double click, reloaded page): the same attempt, same deadline, same paper, no second record.
      t.clock.advance(60_000);
      const again = await s.browser.post(`${s.url}/start`);
      expect(again.statusCode).toBe(200);
      expect(again.json().deadlineAt).toBe(deadline);
      expect(again.json().items).toEqual(body.items);
      const audits = await auditRows(s.attemptId);
      expect(audits.filter((a) => a.action === 'attempt.started')).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actor_id: s.learner.id, service_point_id: s.sp.id });
      expect(JSON.parse(audits[0]!.payload)).toEqual({
        attemptId: s.attemptId,
        deadlineAt: deadline,
      });
      expect(events.filter((e) => e.type === 'attempt.started' && e.attemptId === s.attemptId)).toEqual([
        { type: 'attempt.started', servicePointId: s.sp.id, attemptId: s.attemptId, userId: s.learner.id },
      ]);
    } finally {
      t.clock.unfreeze();
    }
  });

  it('delivers the questions without any key: no `correct` anywhere in what the learner receives', async () => {
    const s = await learnerAtWorkstation(t);
    const started = await s.browser.post(`${s.url}/start`);
    const opened = await s.browser.get(s.url);
    for (const body of [started.body, opened.body]) {
      expect(body).not.toContain('correct');
      expect(body).not.toContain('"scoring"');
    }
    const items = opened.json().items as { id: string; choices: { id: string; text: { fr: string } }[] }[];
    expect(items.map((i) => i.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    expect(items[0]!.choices.map((c) => c.text.fr)).toEqual(['Rouge', 'Vert', 'Bleu']);
  });

  it('refuses from a browser that is not a registered workstation, or a forged cookie, with a clear message', async () => {
    const s = await learnerAtWorkstation(t);
    const other = await Client.start(t.app);
    await other.signIn(s.learner.username);
    for (const res of [await other.get(s.url), await other.post(`${s.url}/start`)]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('workstation_unregistered');
      expect(res.json().error.message).toContain('n’est pas un poste d’examen enregistré');
    }
    other.cookies.set(WORKSTATION_COOKIE, `${s.sp.workstations[0]!.id}.forged-signature`);
    expect((await other.post(`${s.url}/start`)).json().error.code).toBe('workstation_unregistered');
    expect((await attemptRow(s.attemptId)).state).toBe('authorized');
  });

  it('refuses at another workstation of the same service point, or another service point’s, naming the right one', async () => {
    const s = await learnerAtWorkstation(t);
    const elsewhere = await makeServicePoint(t.ctx);
    for (const wsId of [s.sp.workstations[1]!.id, elsewhere.workstations[0]!.id]) {
      const c = await Client.start(t.app);
      c.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, wsId));
      await c.signIn(s.learner.username);
      const res = await c.post(`${s.url}/start`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('wrong_workstation');
      expect(res.json().error.message).toBe(
        `Ce n’est pas le poste assigné : votre examen se passe au Poste 1 (${s.sp.name}).`,
      );
    }
    expect((await attemptRow(s.attemptId)).state).toBe('authorized');
  });

  it('is only for today: yesterday’s authorization does not start', async () => {
    const s = await learnerAtWorkstation(t);
    await t.ctx.db
      .updateTable('attempts')
      .set({ authorized_for: '2020-01-02' })
      .where('id', '=', s.attemptId)
      .execute();
    const res = await s.browser.post(`${s.url}/start`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'attempt_not_open',
      message: 'Aucun examen autorisé pour aujourd’hui à ce poste.',
    });
    expect((await attemptRow(s.attemptId)).state).toBe('authorized');
  });

  it('answers another learner exactly as if the attempt did not exist, at the same workstation', async () => {
    const s = await learnerAtWorkstation(t);
    const intruder = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    c.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, s.sp.workstations[0]!.id));
    await c.signIn(intruder.username);
    for (const res of [
      await c.get(s.url),
      await c.post(`${s.url}/start`),
      await c.post(`${s.url}/submit`),
      await c.post(`${s.url}/heartbeat`),
      await c.put(`${s.url}/answers/q1`, { choiceIds: ['a'], flagged: false, seq: 1 }),
      await c.get('/api/attempts/does-not-exist'),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await attemptRow(s.attemptId)).state).toBe('authorized');
  });

  it('a cancelled authorization does not open', async () => {
    const s = await learnerAtWorkstation(t);
    await t.ctx.db.updateTable('attempts').set({ state: 'cancelled' }).where('id', '=', s.attemptId).execute();
    const res = await s.browser.post(`${s.url}/start`);
    expect(res.json().error.code).toBe('attempt_not_open');
    expect((await s.browser.get(s.url)).json().error.code).toBe('attempt_not_open');
  });

  it('cancelled while its intro is open (here or on another instance): « Commencer » is refused, nothing starts', async () => {
    const s = await learnerAtWorkstation(t);
    expect((await s.browser.get(s.url)).json().state).toBe('authorized');
    await t.ctx.db.updateTable('attempts').set({ state: 'cancelled' }).where('id', '=', s.attemptId).execute();
    const res = await s.browser.post(`${s.url}/start`);
    expect(res.json().error.code).toBe('attempt_not_open');
    const row = await attemptRow(s.attemptId);
    expect(row.state).toBe('cancelled');
    expect(row.started_at).toBeNull();
    expect((await auditRows(s.attemptId)).filter((r) => r.action === 'attempt.started')).toHaveLength(0);
  });

  it('two « Commencer » at once: one start, one deadline, one audit row', async () => {
    const s = await learnerAtWorkstation(t);
    const [a, b] = await Promise.all([s.browser.post(`${s.url}/start`), s.browser.post(`${s.url}/start`)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().deadlineAt).toBe(b.json().deadlineAt);
    expect(a.json().items).toEqual(b.json().items);
    expect((await auditRows(s.attemptId)).filter((r) => r.action === 'attempt.started')).toHaveLength(1);
  });

  it('a room pressing « Commencer » at once: every one starts once, each audited, the audit chain intact', async () => {
    const { seats } = await makeExamRoom(t.ctx, 40);
    const press = (seat: (typeof seats)[number]) =>
      t.app.inject({
        method: 'POST',
        url: `/api/attempts/${seat.attemptId}/start`,
        headers: { cookie: seat.cookie, 'x-csrf-token': seat.csrf },
      });
    // Everyone presses, some twice.
    const replies = await Promise.all([...seats.map(press), ...seats.slice(0, 10).map(press)]);
    expect(replies.map((r) => r.statusCode)).toEqual(replies.map(() => 200));
    const rows = await t.ctx.db
      .selectFrom('attempts')
      .select(['id', 'state', 'deadline_at', 'items'])
      .where(
        'id',
        'in',
        seats.map((s) => s.attemptId),
      )
      .execute();
    expect(rows.every((r) => r.state === 'in_progress' && r.deadline_at && r.items)).toBe(true);
    for (const seat of seats.slice(0, 10)) {
      const [a, b] = replies.filter((r) => r.json().id === seat.attemptId).map((r) => r.json());
      expect(a.deadlineAt).toBe(b.deadlineAt);
      expect(a.items).toEqual(b.items);
    }
    const started = await t.ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'attempt.started')
      .execute();
    for (const seat of seats)
      expect(
        started.filter((a) => a.payload.includes(seat.attemptId)),
        seat.attemptId,
      ).toHaveLength(1);
    const enrolments = await t.ctx.db
      .selectFrom('enrolments')
      .select('status')
      .where(
        'user_id',
        'in',
        seats.map((s) => s.userId),
      )
      .execute();
    expect(enrolments.every((e) => e.status === 'exam_in_progress')).toBe(true);
    expect(await verifyChain(t.ctx)).toMatchObject({ ok: true });
  });

  it('the heartbeat records the workstation alive and tells the server’s time', async () => {
    const s = await learnerAtWorkstation(t);
    expect((await s.browser.post(`${s.url}/heartbeat`)).json().state).toBe('authorized');
    await s.browser.post(`${s.url}/start`);
    const res = await s.browser.post(`${s.url}/heartbeat`);
    expect(res.statusCode).toBe(200);
    expect(res.json().state).toBe('in_progress');
    const row = await attemptRow(s.attemptId);
    expect(row.last_heartbeat_at).toBe(res.json().serverNow);
    expect(res.json().deadlineAt).toBe(row.deadline_at);
    expect(events.some((e) => e.type === 'attempt.heartbeat' && e.attemptId === s.attemptId)).toBe(true);
  });

  it('a room’s heartbeats arriving together share their writes: each alive only if in progress and its learner’s', async () => {
    const { seats } = await makeExamRoom(t.ctx, 24);
    const running = seats.slice(0, 20);
    for (const seat of running) expect((await post(seat, 'start')).statusCode).toBe(200);
    // Every write of the attempts table during the room's heartbeats (one transaction each, before).
    let writes = 0;
    const db = t.ctx.db as unknown as Record<'transaction' | 'updateTable', (...a: unknown[]) => unknown>;
    const original = { transaction: db.transaction.bind(db), updateTable: db.updateTable.bind(db) };
    db.transaction = (...a) => (writes++, original.transaction(...a));
    db.updateTable = (...a) => (String(a[0]).startsWith('attempts') && writes++, original.updateTable(...a));
    let replies;
    try {
      replies = await Promise.all(seats.map((seat) => post(seat, 'heartbeat')));
    } finally {
      delete (db as Partial<typeof db>).transaction;
      delete (db as Partial<typeof db>).updateTable;
    }
    expect(replies.map((r) => r.statusCode)).toEqual(seats.map(() => 200));
    expect(replies.map((r) => r.json().state)).toEqual(seats.map((_, i) => (i < 20 ? 'in_progress' : 'authorized')));
    const rows = await t.ctx.db
      .selectFrom('attempts')
      .select(['id', 'last_heartbeat_at'])
      .where(
        'id',
        'in',
        seats.map((s) => s.attemptId),
      )
      .execute();
    const at = new Map(rows.map((r) => [r.id, r.last_heartbeat_at]));
    seats.forEach((seat, i) => expect(at.get(seat.attemptId)).toBe(i < 20 ? replies[i]!.json().serverNow : null));
    expect(writes).toBeLessThan(running.length / 2);
  });

  it('a heartbeat of an attempt in progress at its workstation is its write alone: no read of the attempt first', async () => {
    const { seats } = await makeExamRoom(t.ctx, 5);
    for (const seat of seats) expect((await post(seat, 'start')).statusCode).toBe(200);
    const before = await attemptRow(seats[0]!.attemptId);
    // Every read of the attempts table during the beats (before: one per beat, the access check's five-table join).
    let replies: Awaited<ReturnType<typeof post>>[] = [];
    const reads = await readsOf(t.ctx.db, 'attempts', async () => {
      replies = await Promise.all(seats.map((seat) => post(seat, 'heartbeat')));
    });
    expect(reads).toBe(0);
    for (const r of replies) expect(r.json()).toMatchObject({ state: 'in_progress', pausedAt: null });
    expect(replies[0]!.json().deadlineAt).toBe(before.deadline_at);
    expect((await attemptRow(seats[0]!.attemptId)).last_heartbeat_at).toBe(replies[0]!.json().serverNow);
  });

  it('a heartbeat for an exam in progress from another learner or another workstation marks nothing and is refused', async () => {
    const s = await learnerAtWorkstation(t);
    expect((await s.browser.post(`${s.url}/start`)).statusCode).toBe(200);
    const before = (await attemptRow(s.attemptId)).last_heartbeat_at;
    const intruder = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    c.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, s.sp.workstations[0]!.id));
    await c.signIn(intruder.username);
    const stranger = await c.post(`${s.url}/heartbeat`);
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([404, 'not_found']);
    // The learner's own browser, registered as the point's other workstation.
    s.browser.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, s.sp.workstations[1]!.id));
    const elsewhere = await s.browser.post(`${s.url}/heartbeat`);
    expect(elsewhere.json().error.code).toBe('workstation_required');
    expect((await attemptRow(s.attemptId)).last_heartbeat_at).toBe(before);
  });

  it.runIf(kind === 'postgres')(
    'a heartbeat batch never waits for a row another transaction holds (a room’s pause holding the audit lock)',
    async () => {
      const { seats } = await makeExamRoom(t.ctx, 2);
      for (const seat of seats) expect((await post(seat, 'start')).statusCode).toBe(200);
      const [held, free] = seats as [(typeof seats)[number], (typeof seats)[number]];
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = t.ctx.db.transaction().execute(async (trx) => {
        await trx.selectFrom('attempts').select('id').where('id', '=', held.attemptId).forUpdate().execute();
        locked();
        await released;
      });
      await isLocked;
      // Both beat together: the free one is answered while the other's row is still held.
      const heldBeat = post(held, 'heartbeat');
      const freeBeat = await post(free, 'heartbeat');
      release();
      await holder;
      expect(freeBeat.statusCode).toBe(200);
      expect(freeBeat.json().state).toBe('in_progress');
      expect((await heldBeat).statusCode).toBe(200);
    },
  );

  it('the session names the registered workstation, and sign-in there never remembers anyone', async () => {
    const sp = await makeServicePoint(t.ctx, `Point Session ${kind}`);
    const learner = await makeLearner(t.ctx);
    const c = await Client.start(t.app);
    expect((await c.get('/api/session')).json().workstation).toBeNull();
    c.cookies.set(WORKSTATION_COOKIE, workstationCookie(t.ctx, sp.workstations[1]!.id));
    expect((await c.get('/api/session')).json().workstation).toEqual({
      id: sp.workstations[1]!.id,
      name: 'Poste 2',
      servicePointName: `Point Session ${kind}`,
    });
    const res = await c.post('/api/auth/sign-in', { login: learner.username, password: PASSWORD, remember: true });
    expect(res.statusCode).toBe(200);
    const sid = res.cookies.find((k) => k.name === 'vigie_sid')!;
    expect(sid.expires).toBeUndefined();
    expect(sid.maxAge).toBeUndefined();
    c.cookies.set(WORKSTATION_COOKIE, 'unknown.forged');
    expect((await c.get('/api/session')).json().workstation).toBeNull();
  });
});
