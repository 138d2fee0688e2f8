import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import {
  enrol,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
  markReady,
} from '../../../../tests/support/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { lapseStaleAuthorizations } from '../attempts/transitions/lapse.js';

describe.each(dbKinds())('operator desk on %s', (kind) => {
  let t: TestApp;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  let other: Awaited<ReturnType<typeof makeServicePoint>>;
  let training: Awaited<ReturnType<typeof makeTraining>>;
  let op: Client;
  let otherOp: Client;
  let learners: Record<string, Awaited<ReturnType<typeof makeLearner>>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    // A third workstation: the others are held by then (a workstation takes one learner at a time).
    sp = await makeServicePoint(t.ctx, 'Point A', 3);
    other = await makeServicePoint(t.ctx, 'Point B');
    training = await makeTraining(t.ctx);
    const operator = await makeOperator(t.ctx, sp.id);
    const otherOperator = await makeOperator(t.ctx, other.id);
    op = await Client.start(t.app);
    await op.signIn(operator.username);
    otherOp = await Client.start(t.app);
    await otherOp.signIn(otherOperator.username);
    learners = {
      genevieve: await makeLearner(t.ctx, { firstName: 'Geneviève', lastName: 'Lavigne' }),
      eric: await makeLearner(t.ctx, { firstName: 'Éric', lastName: 'Gagnon' }),
      marie: await makeLearner(t.ctx, { firstName: 'Marie', lastName: 'Tremblay' }),
      elsewhere: await makeLearner(t.ctx, { firstName: 'Gérard', lastName: 'Lavallée' }),
      finished: await makeLearner(t.ctx, { firstName: 'Gilles', lastName: 'Lavoie' }),
    };
    for (const k of ['genevieve', 'eric', 'marie'] as const)
      await enrol(t.ctx, learners[k]!.id, training.trainingId, sp.id);
    await enrol(t.ctx, learners.elsewhere!.id, training.trainingId, other.id);
    await enrol(t.ctx, learners.finished!.id, training.trainingId, sp.id, 'passed');
  });
  afterAll(async () => t.close());

  const names = (res: { json(): { learners: { lastName: string }[] } }) => res.json().learners.map((l) => l.lastName);

  it('lists the learners in a training process at this service point only, sorted by name', async () => {
    const res = await op.get('/api/desk/learners');
    expect(res.statusCode).toBe(200);
    expect(names(res)).toEqual(['Gagnon', 'Lavigne', 'Tremblay']);
  });

  it('finds a learner whatever the case and accents, by name prefix or e-mail prefix', async () => {
    expect(names(await op.get('/api/desk/learners?q=genevieve'))).toEqual(['Lavigne']);
    expect(names(await op.get('/api/desk/learners?q=LAVIG'))).toEqual(['Lavigne']);
    expect(names(await op.get('/api/desk/learners?q=eric%20gagnon'))).toEqual(['Gagnon']);
    expect(names(await op.get(`/api/desk/learners?q=${learners.marie!.username}%40example`))).toEqual(['Tremblay']);
    expect(names(await op.get('/api/desk/learners?q=lavallee'))).toEqual([]);
  });

  it('finds exactly one learner by user code, with or without its dash', async () => {
    const code = learners.eric!.userCode;
    expect(names(await op.get(`/api/desk/learners?q=${code}`))).toEqual(['Gagnon']);
    expect(names(await op.get(`/api/desk/learners?q=${code.slice(0, 4)}-${code.slice(4).toLowerCase()}`))).toEqual([
      'Gagnon',
    ]);
  });

  it('opens the learner file; another service point’s learner answers like a missing one', async () => {
    const file = await op.get(`/api/desk/learners/${learners.genevieve!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.json().learner.firstName).toBe('Geneviève');
    expect(file.json().authorizable).toHaveLength(1);
    const foreign = await op.get(`/api/desk/learners/${learners.elsewhere!.id}`);
    const missing = await op.get('/api/desk/learners/no-such-learner');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
  });

  it('refuses to authorize until identity is confirmed and the photo saved, saying why', async () => {
    const body = { examId: training.examId, workstationId: sp.workstations[0]!.id };
    const noIdentity = await op.post(`/api/desk/learners/${learners.eric!.id}/authorizations`, body);
    expect(noIdentity.statusCode).toBe(409);
    expect(noIdentity.json().error.message).toContain('identité');
    const count = await t.ctx.db
      .selectFrom('attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', learners.eric!.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('authorizes for today at a workstation, once; cancels until started; authorizes again', async () => {
    const learner = learners.marie!;
    const operatorId = (await op.get('/api/session')).json().user.id;
    await markReady(t.ctx, learner.id, sp.id, operatorId);
    const body = { examId: training.examId, workstationId: sp.workstations[1]!.id };
    const ok = await op.post(`/api/desk/learners/${learner.id}/authorizations`, body);
    expect(ok.statusCode).toBe(200);
    const attemptId = ok.json().attemptId as string;
    const again = await op.post(`/api/desk/learners/${learner.id}/authorizations`, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_authorized');
    const file = (await op.get(`/api/desk/learners/${learner.id}`)).json();
    expect(file.attempts[0]).toMatchObject({
      id: attemptId,
      state: 'authorized',
      workstation: sp.workstations[1]!.name,
    });
    expect(file.enrolments[0].status).toBe('exam_authorized');
    expect(file.authorizable).toHaveLength(0);

    // Another service point's operator cannot cancel it, and learns nothing.
    const foreign = await otherOp.post(`/api/desk/attempts/${attemptId}/cancel`);
    expect(foreign.statusCode).toBe(404);

    expect((await op.post(`/api/desk/attempts/${attemptId}/cancel`)).statusCode).toBe(200);
    const after = (await op.get(`/api/desk/learners/${learner.id}`)).json();
    expect(after.attempts[0].state).toBe('cancelled');
    expect(after.enrolments[0].status).toBe('in_training');
    const twice = await op.post(`/api/desk/attempts/${attemptId}/cancel`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('attempt_not_cancellable');

    const reauth = await op.post(`/api/desk/learners/${learner.id}/authorizations`, body);
    expect(reauth.statusCode).toBe(200);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_user_id', '=', learner.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'account.registered',
      'exam.authorized',
      'exam.cancelled',
      'exam.authorized',
    ]);
  });

  it('refuses to cancel an exam already started', async () => {
    const learner = learners.genevieve!;
    const operatorId = (await op.get('/api/session')).json().user.id;
    await markReady(t.ctx, learner.id, sp.id, operatorId);
    const res = await op.post(`/api/desk/learners/${learner.id}/authorizations`, {
      examId: training.examId,
      workstationId: sp.workstations[0]!.id,
    });
    const attemptId = res.json().attemptId as string;
    await t.ctx.db
      .updateTable('attempts')
      .set({ state: 'in_progress', started_at: new Date().toISOString() })
      .where('id', '=', attemptId)
      .execute();
    const cancel = await op.post(`/api/desk/attempts/${attemptId}/cancel`);
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().error.message).toContain('déjà commencé');
    const row = await t.ctx.db
      .selectFrom('attempts')
      .select('state')
      .where('id', '=', attemptId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('in_progress');
  });

  it('refuses an exam the learner is not enrolled in and a workstation of another service point', async () => {
    const learner = learners.eric!;
    const otherTraining = await makeTraining(t.ctx);
    const notEnrolled = await op.post(`/api/desk/learners/${learner.id}/authorizations`, {
      examId: otherTraining.examId,
      workstationId: sp.workstations[0]!.id,
    });
    expect(notEnrolled.statusCode).toBe(409);
    expect(notEnrolled.json().error.code).toBe('not_enrolled');
    const foreignWs = await op.post(`/api/desk/learners/${learner.id}/authorizations`, {
      examId: training.examId,
      workstationId: other.workstations[0]!.id,
    });
    expect(foreignWs.statusCode).toBe(404);
  });

  it('lets the authorization of an earlier day lapse', async () => {
    const learner = await makeLearner(t.ctx, { firstName: 'Paul', lastName: 'Hier' });
    await enrol(t.ctx, learner.id, training.trainingId, sp.id);
    const operatorId = (await op.get('/api/session')).json().user.id;
    await markReady(t.ctx, learner.id, sp.id, operatorId);
    const res = await op.post(`/api/desk/learners/${learner.id}/authorizations`, {
      examId: training.examId,
      workstationId: sp.workstations[2]!.id,
    });
    const attemptId = res.json().attemptId as string;
    expect(await lapseStaleAuthorizations(t.ctx)).toBe(0);
    t.clock.advance(36 * 3600_000);
    expect(await lapseStaleAuthorizations(t.ctx)).toBeGreaterThanOrEqual(1);
    t.clock.unfreeze();
    const row = await t.ctx.db
      .selectFrom('attempts')
      .select(['state', 'cancelled_by'])
      .where('id', '=', attemptId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'cancelled', cancelled_by: null });
  });

  it('registers this browser as a workstation of the service point only', async () => {
    const ok = await op.post(`/api/desk/workstations/${sp.workstations[0]!.id}/register`);
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'vigie_ws')?.httpOnly).toBe(true);
    const desk = (await op.get('/api/desk')).json();
    expect(desk.thisBrowserWorkstationId).toBe(sp.workstations[0]!.id);
    const foreign = await op.post(`/api/desk/workstations/${other.workstations[0]!.id}/register`);
    expect(foreign.statusCode).toBe(404);
  });

  it('refuses every desk route to a learner', async () => {
    const c = await Client.start(t.app);
    await c.signIn(learners.eric!.username);
    expect((await c.get('/api/desk/learners')).statusCode).toBe(403);
    expect((await c.get(`/api/desk/learners/${learners.eric!.id}`)).statusCode).toBe(403);
  });
});
