import type { AppContext } from '../../context.js';
import { DomainError, notFound } from '../../errors.js';
import { foldText } from '../../../shared/text.js';
import { parseUserCode } from '../accounts/user-code.js';
import { insertAll } from '../catalog/enrolments.service.js';
import * as repo from './walk-ins.repo.js';

/**
 * Walk-ins at the desk (issue 16). When « Liste des apprenants » finds nobody in a training process here, the
 * desk says how many accounts match all the same (never who: the operator may not browse the organisation's
 * accounts), and, where a training offered here allows it, lets the operator enrol the person at the counter,
 * named by the user code or e-mail they give. Where no training allows it, the desk says who can enrol them.
 */
export const WALK_IN_CAP = 101;

export async function walkInHint(ctx: AppContext, servicePointId: string, q: string) {
  const query = q.trim();
  const userCode = parseUserCode(query) ?? undefined;
  const words = userCode ? [] : foldText(query).split(/\s+/).filter(Boolean).slice(0, 4);
  const [count, trainings] = await Promise.all([
    userCode || words.length
      ? repo.unenrolledMatches(ctx.db, { servicePointId, userCode, words, cap: WALK_IN_CAP })
      : Promise.resolve(0),
    repo.counterTrainings(ctx.db, servicePointId),
  ]);
  return {
    accounts: count,
    moreThan: count >= WALK_IN_CAP,
    counterTrainings: trainings.map((t) => ({
      id: t.id,
      code: t.code,
      title: { fr: t.title, ...(t.title_en ? { en: t.title_en } : {}) },
    })),
  };
}

/** « Inscrire à une formation » at the counter: audited (`enrolment.created`, via `counter`). */
export async function enrolWalkIn(
  ctx: AppContext,
  input: { servicePointId: string; operatorId: string; login: string; trainingId: string; ip?: string | null },
) {
  const training = (await repo.counterTrainings(ctx.db, input.servicePointId)).find((t) => t.id === input.trainingId);
  // Not offered here, or not at the counter: the same answer as a training that does not exist.
  if (!training) throw notFound();
  const user = await repo.accountByLogin(ctx.db, input.login, parseUserCode(input.login));
  if (!user) throw new DomainError('unknown_learner', { field: 'login', params: { login: input.login } });
  const already = () =>
    new DomainError('already_enrolled', { field: 'trainingId', params: { login: user.username, code: training.code } });
  if (await repo.enrolmentOf(ctx.db, user.id, training.id)) throw already();
  const row = { userId: user.id, login: user.username, trainingId: training.id, trainingCode: training.code };
  try {
    await ctx.db
      .transaction()
      .execute((trx) =>
        insertAll(ctx, trx, [row], input.servicePointId, { actorId: input.operatorId, ip: input.ip, via: 'counter' }),
      );
  } catch (err) {
    if (await repo.enrolmentOf(ctx.db, user.id, training.id)) throw already();
    throw err;
  }
  return { learnerId: user.id };
}
