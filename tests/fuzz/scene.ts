import { sql } from 'kysely';
import type { AppContext } from '../../src/server/context.js';
import { WORKSTATION_COOKIE } from '../../src/server/http/workstation.js';
import { endAttempt, issueAsAttemptsWould, savePhoto } from '../support/cards.js';
import type { Access } from '../../src/server/policies.js';
import { workstationCookie } from '../support/attempts.js';
import {
  enrol,
  makeAdmin,
  makeAuthorizedAttempt,
  makeLearner,
  makeOperator,
  makeServicePoint,
  makeTraining,
  PASSWORD,
} from '../support/factories.js';
import { Client, type TestApp } from '../support/test-app.js';
import { followCsrfCookie } from './clients.js';

export type Role = 'anonymous' | 'learner' | 'operator' | 'admin';
export const ROLES: Role[] = ['anonymous', 'learner', 'operator', 'admin'];

/** The role a route's access is meant for: the one whose requests reach its schema and its service. */
export function primaryRole(access: Access | undefined): Role {
  switch (access) {
    case 'desk.use':
      return 'operator';
    case 'admin.manage':
    case 'service_point.manage':
      return 'admin';
    case 'account.self':
    case 'learning.self':
      return 'learner';
    case 'public':
    case undefined:
      return 'anonymous';
  }
}

interface Person {
  username: string;
  email: string;
}

/**
 * What the fuzz suite works on: a service point with an operator, an administrator, a learner whose exam is
 * in progress at this browser's workstation, and an issued card, so valid requests reach the services.
 */
export async function buildScene(t: TestApp) {
  const ctx = t.ctx;
  const sp = await makeServicePoint(ctx, 'Point fuzz', 3);
  const operator = await makeOperator(ctx, sp.id);
  const admin = await makeAdmin(ctx);
  const learner = await makeLearner(ctx);
  const training = await makeTraining(ctx);
  const enrolmentId = await enrol(ctx, learner.id, training.trainingId, sp.id);
  const attemptId = await makeAuthorizedAttempt(ctx, {
    userId: learner.id,
    enrolmentId,
    examId: training.examId,
    versionId: training.versionId,
    servicePointId: sp.id,
    workstationId: sp.workstations[0]!.id,
    operatorId: operator.id,
  });
  // A second learner passed another exam here and holds a card.
  const holder = await makeLearner(ctx, { firstName: 'Camille', lastName: 'Carte' });
  const other = await makeTraining(ctx);
  const otherEnrolment = await enrol(ctx, holder.id, other.trainingId, sp.id);
  const passedAttempt = await makeAuthorizedAttempt(ctx, {
    userId: holder.id,
    enrolmentId: otherEnrolment,
    examId: other.examId,
    versionId: other.versionId,
    servicePointId: sp.id,
    workstationId: sp.workstations[1]!.id,
    operatorId: operator.id,
  });
  await endAttempt(ctx, passedAttempt, 'passed');
  await savePhoto(ctx, { userId: holder.id, servicePointId: sp.id, operatorId: operator.id });
  const card = await issueAsAttemptsWould(ctx, passedAttempt);
  if (!card) throw new Error('the scene’s card was not issued');

  const people: Record<Exclude<Role, 'anonymous'>, Person> = {
    learner: { username: learner.username, email: `${learner.username}@example.test` },
    operator: { username: operator.username, email: `${operator.username}@example.test` },
    admin: { username: admin.username, email: `${admin.username}@example.test` },
  };
  const clients = new Map<Role, Client>();
  let ip = 0;
  /** A fresh address per request: the suite tests input, not rate limits or sign-in throttling. */
  const nextIp = () => `10.${(++ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;

  /** The role's browser; signed in again when a request ended its session (`fresh`: it just signed in). */
  async function client(role: Role): Promise<{ c: Client; fresh: boolean }> {
    const existing = clients.get(role);
    if (existing && (role === 'anonymous' || existing.cookies.has('vigie_sid'))) return { c: existing, fresh: false };
    const c = await Client.start(t.app);
    c.remoteAddress = nextIp();
    if (role !== 'anonymous') {
      await c.signIn(people[role].username, PASSWORD);
      followCsrfCookie(c);
    }
    if (role === 'learner') c.cookies.set(WORKSTATION_COOKIE, workstationCookie(ctx, sp.workstations[0]!.id));
    clients.set(role, c);
    return { c, fresh: true };
  }

  // The learner's exam has started, so answers reach the writer.
  const started = await (await client('learner')).c.post(`/api/attempts/${attemptId}/start`);
  if (started.statusCode !== 200) throw new Error(`start: ${started.statusCode} ${started.body}`);

  /** Valid values by field name, for the role sending the request. */
  function known(role: Role) {
    const me = role === 'anonymous' ? people.learner : people[role];
    const today = new Date().toISOString().slice(0, 10);
    const values: Record<string, unknown> = {
      learnerId: learner.id,
      attemptId,
      itemId: 'q1',
      trainingId: training.trainingId,
      workstationId: sp.workstations[0]!.id,
      servicePointId: sp.id,
      examId: training.examId,
      cardNumber: card!.cardNumber,
      cardNumbers: [card!.cardNumber],
      cards: card!.cardNumber,
      file: 'blazeface.json',
      login: me.username,
      username: me.username,
      email: me.email,
      password: PASSWORD,
      currentPassword: PASSWORD,
      token: 'x'.repeat(43),
      firstName: 'Marie',
      lastName: 'Tremblay',
      date: today,
      from: today,
      to: today,
      dateOfBirth: '1985-07-23',
      number: 'TREM85572313',
      choiceIds: ['a'],
      seq: 1,
      reason: 'Raison du fuzz, assez longue',
      q: 'Tre',
    };
    return (field: string) => values[field];
  }

  return { sp, learner, operator, admin, attemptId, card, client, known, nextIp };
}

export type Scene = Awaited<ReturnType<typeof buildScene>>;

/** The number of rows of every table, in one statement, to tell whether a refused request wrote anything. */
export async function rowCounter(ctx: AppContext) {
  const tables = (await ctx.db.introspection.getTables())
    .map((t) => t.name)
    .filter((n) => !n.startsWith('kysely_'))
    .sort();
  const query = sql<Record<string, number | string>>`select ${sql.join(
    tables.map((n) => sql`(select count(*) from ${sql.table(n)}) as ${sql.ref(n)}`),
  )}`;
  return async (): Promise<Record<string, number>> => {
    const row = (await query.execute(ctx.db)).rows[0]!;
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  };
}
