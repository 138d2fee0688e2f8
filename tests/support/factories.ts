import type { AppContext } from '../../src/server/context.js';
import * as accounts from '../../src/server/modules/accounts/accounts.service.js';
import * as servicePoints from '../../src/server/modules/service-points/service-points.service.js';

export const PASSWORD = 'vigie-demo-2026';
let n = 0;
const uniq = () => `${process.pid}${++n}${Math.random().toString(36).slice(2, 6)}`;

/** A learner with the four registration steps complete. */
export async function makeLearner(
  ctx: AppContext,
  over: { firstName?: string; lastName?: string; username?: string } = {},
) {
  const username = over.username ?? `learner${uniq()}`;
  const created = await accounts.createAccount(ctx, {
    username,
    email: `${username}@example.test`,
    password: PASSWORD,
    firstName: over.firstName ?? 'Marie',
    lastName: over.lastName ?? 'Tremblay',
    language: 'fr',
    membershipType: 'individual',
  });
  return { ...created, username };
}

export async function makeServicePoint(ctx: AppContext, name = `Point ${uniq()}`, workstations = 2) {
  const id = await servicePoints.createServicePoint(ctx, { name, address: '1 rue Test, Québec', workstations });
  const ws = await servicePoints.workstationsOf(ctx, id);
  return { id, name, workstations: ws };
}

export async function makeOperator(ctx: AppContext, servicePointId: string) {
  const learner = await makeLearner(ctx, { firstName: 'Olivier', lastName: 'Opérateur', username: `op${uniq()}` });
  await servicePoints.grantOperator(ctx, null, learner.id, servicePointId);
  return learner;
}

export async function makeAdmin(ctx: AppContext) {
  const username = `admin${uniq()}`;
  const created = await accounts.createAccount(ctx, {
    username,
    email: `${username}@example.test`,
    password: PASSWORD,
    firstName: 'Ada',
    lastName: 'Admin',
    isAdmin: true,
    language: 'fr',
    membershipType: 'none',
  });
  return { ...created, username };
}
