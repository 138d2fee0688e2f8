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

/** « Autoriser l'examen » on a workstation another learner holds: shown « occupé par … », refused by the server. */
describe.each(dbKinds())('workstation occupancy on %s', (kind) => {
  let t: TestApp;
  let sp: Awaited<ReturnType<typeof makeServicePoint>>;
  let training: Awaited<ReturnType<typeof makeTraining>>;
  let second: Awaited<ReturnType<typeof makeTraining>>;
  let op: Client;
  let opEn: Client;
  let luc: Awaited<ReturnType<typeof makeLearner>>;
  let anne: Awaited<ReturnType<typeof makeLearner>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    sp = await makeServicePoint(t.ctx, 'Point A', 3);
    training = await makeTraining(t.ctx);
    second = await makeTraining(t.ctx);
    const operator = await makeOperator(t.ctx, sp.id);
    op = await Client.start(t.app);
    await op.signIn(operator.username);
    const english = await makeOperator(t.ctx, sp.id);
    await t.ctx.db.updateTable('users').set({ language: 'en' }).where('id', '=', english.id).execute();
    opEn = await Client.start(t.app, 'en');
    await opEn.signIn(english.username);
    luc = await makeLearner(t.ctx, { firstName: 'Luc', lastName: 'D’Amour' });
    anne = await makeLearner(t.ctx, { firstName: 'Anne', lastName: 'Roy' });
    for (const l of [luc, anne]) {
      await enrol(t.ctx, l.id, training.trainingId, sp.id);
      await enrol(t.ctx, l.id, second.trainingId, sp.id);
      await markReady(t.ctx, l.id, sp.id, operator.id);
    }
  });
  afterAll(async () => t.close());

  const authorize = (c: Client, learnerId: string, examId: string, ws: number) =>
    c.post(`/api/desk/learners/${learnerId}/authorizations`, { examId, workstationId: sp.workstations[ws]!.id });
  const workstations = async (learnerId: string) =>
    (
      (await op.get(`/api/desk/learners/${learnerId}`)).json() as {
        workstations: { name: string; occupiedBy: string | null }[];
      }
    ).workstations;

  it('lists every workstation free, then the one authorized as taken by that learner', async () => {
    expect((await workstations(anne.id)).map((w) => w.occupiedBy)).toEqual([null, null, null]);
    expect((await authorize(op, luc.id, training.examId, 1)).statusCode).toBe(200);
    expect(await workstations(anne.id)).toEqual([
      { id: sp.workstations[0]!.id, name: sp.workstations[0]!.name, occupiedBy: null },
      { id: sp.workstations[1]!.id, name: sp.workstations[1]!.name, occupiedBy: 'Luc D’Amour' },
      { id: sp.workstations[2]!.id, name: sp.workstations[2]!.name, occupiedBy: null },
    ]);
  });

  it('tells the learner where to sit: « Mes formations » and the training page name the workstation', async () => {
    const learner = await Client.start(t.app);
    await learner.signIn(luc.username);
    const mine = (await learner.get('/api/learning/trainings')).json() as {
      trainings: { id: string; status: string; workstation: string | null }[];
    };
    expect(mine.trainings.map((tr) => [tr.id, tr.status, tr.workstation])).toEqual([
      [training.trainingId, 'exam_authorized', sp.workstations[1]!.name],
      [second.trainingId, 'in_training', null],
    ]);
    const page = (await learner.get(`/api/learning/trainings/${training.trainingId}`)).json();
    expect(page).toMatchObject({ workstation: sp.workstations[1]!.name, openAttempt: { state: 'authorized' } });
  });

  it('refuses another learner on a taken workstation with a 409 naming it and its occupant, in French and English', async () => {
    const ws = sp.workstations[1]!.name;
    const fr = await authorize(op, anne.id, training.examId, 1);
    expect(fr.statusCode).toBe(409);
    expect(fr.json().error).toMatchObject({
      code: 'workstation_occupied',
      field: 'workstationId',
      message: `Le ${ws} est occupé par Luc D’Amour : choisissez un poste libre.`,
    });
    const en = await authorize(opEn, anne.id, training.examId, 1);
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toBe(`${ws} is taken by Luc D’Amour: choose a free workstation.`);
    const attempts = await t.ctx.db.selectFrom('attempts').select('id').where('user_id', '=', anne.id).execute();
    expect(attempts).toHaveLength(0);
    // A free workstation is fine.
    expect((await authorize(op, anne.id, training.examId, 2)).statusCode).toBe(200);
  });

  it('lets the same learner be authorized there for another exam, and frees the workstation once cancelled', async () => {
    expect((await authorize(op, luc.id, second.examId, 1)).statusCode).toBe(200);
    const open = await t.ctx.db
      .selectFrom('attempts')
      .select('id')
      .where('user_id', '=', luc.id)
      .where('state', '=', 'authorized')
      .execute();
    for (const a of open) expect((await op.post(`/api/desk/attempts/${a.id}/cancel`)).statusCode).toBe(200);
    expect((await workstations(anne.id))[1]!.occupiedBy).toBeNull();
    expect((await authorize(op, anne.id, second.examId, 1)).statusCode).toBe(200);
  });

  it('settles two authorizations fired at once on one workstation: one wins, the other is the same 409', async () => {
    const [carl, dina] = [
      await makeLearner(t.ctx, { firstName: 'Carl', lastName: 'Bé' }),
      await makeLearner(t.ctx, { firstName: 'Dina', lastName: 'Cé' }),
    ];
    const operator = await makeOperator(t.ctx, sp.id);
    for (const l of [carl, dina]) {
      await enrol(t.ctx, l.id, training.trainingId, sp.id);
      await markReady(t.ctx, l.id, sp.id, operator.id);
    }
    const ws = sp.workstations[0]!;
    const replies = await Promise.all([
      authorize(op, carl.id, training.examId, 0),
      authorize(op, dina.id, training.examId, 0),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = replies.find((r) => r.statusCode === 409)!;
    expect(refused.json().error).toMatchObject({ code: 'workstation_occupied', field: 'workstationId' });
    const open = await t.ctx.db
      .selectFrom('attempts')
      .select('user_id')
      .where('workstation_id', '=', ws.id)
      .where('state', 'in', ['authorized', 'in_progress'])
      .execute();
    expect(open).toHaveLength(1);
  });

  it('refuses « Déplacer vers un autre poste » onto a workstation another learner holds', async () => {
    // The first workstation is Carl's or Dina's (above), the third Anne's: her exam there starts, then moves.
    const anneAttempt = await t.ctx.db
      .selectFrom('attempts')
      .select('id')
      .where('user_id', '=', anne.id)
      .where('workstation_id', '=', sp.workstations[2]!.id)
      .where('state', '=', 'authorized')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .updateTable('attempts')
      .set({ state: 'in_progress', started_at: new Date().toISOString(), deadline_at: '2999-01-01T00:00:00.000Z' })
      .where('id', '=', anneAttempt.id)
      .execute();
    const moved = await op.post(`/api/desk/attempts/${anneAttempt.id}/move`, {
      workstationId: sp.workstations[0]!.id,
      reason: 'Écran noir',
    });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error).toMatchObject({ code: 'workstation_occupied', field: 'workstationId' });
    const row = await t.ctx.db
      .selectFrom('attempts')
      .select(['workstation_id', 'paused_at'])
      .where('id', '=', anneAttempt.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ workstation_id: sp.workstations[2]!.id, paused_at: null });
  });
});
