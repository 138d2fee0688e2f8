import type { AppContext } from '../../src/server/context.js';
import type { DbKind } from './databases.js';
import { enrol, makeLearner, makeOperator, makeServicePoint, makeTraining } from './factories.js';
import { Client, createTestApp } from './test-app.js';

/** The desk's scene: a test app, a service point, and its operator signed in at the counter. */
export async function openDesk(kind: DbKind) {
  const t = await createTestApp(kind);
  const sp = await makeServicePoint(t.ctx);
  const operator = await makeOperator(t.ctx, sp.id);
  const op = await Client.start(t.app);
  await op.signIn(operator.username);
  return { t, sp, op, operatorId: operator.id };
}

/** A learner enrolled in a new training at the service point: one the operator there may serve. */
export async function learnerEnrolledAt(ctx: AppContext, servicePointId: string, firstName: string, lastName: string) {
  const l = await makeLearner(ctx, { firstName, lastName });
  const training = await makeTraining(ctx);
  await enrol(ctx, l.id, training.trainingId, servicePointId);
  return l;
}
