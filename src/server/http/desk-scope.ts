import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { currentUser } from './auth.js';

/*
 * Where an operator's request acts: read from the request (session, user), used by the routes of desk, identity,
 * photos and monitoring. It lives here, not in the desk module, so that those modules need not import desk
 * (which imports them: a cycle). The enrolment query is catalog's table, until one access module holds the
 * object-level checks (issue 15).
 */

/**
 * The service point an operator is working at: the one chosen for this session, or their only one.
 * Every desk route acts within it.
 */
export function deskServicePointId(req: FastifyRequest): string {
  const user = currentUser(req);
  const chosen = req.session?.servicePointId;
  if (chosen && user.servicePoints.some((sp) => sp.id === chosen)) return chosen;
  if (user.servicePoints.length === 1) return user.servicePoints[0]!.id;
  throw new DomainError('service_point_required');
}

/**
 * A learner is within an operator's reach at a service point when they have an enrolment there.
 * "Not yours" answers exactly like "does not exist".
 */
export async function assertLearnerAtServicePoint(
  ctx: AppContext,
  learnerId: string,
  servicePointId: string,
): Promise<void> {
  const row = await ctx.db
    .selectFrom('enrolments')
    .select('id')
    .where('user_id', '=', learnerId)
    .where('service_point_id', '=', servicePointId)
    .limit(1)
    .executeTakeFirst();
  if (!row) throw notFound();
}

/** Both at once: the operator's service point, and the learner within it. */
export async function deskScope(ctx: AppContext, req: FastifyRequest, learnerId: string) {
  const servicePointId = deskServicePointId(req);
  await assertLearnerAtServicePoint(ctx, learnerId, servicePointId);
  return { servicePointId, operatorId: currentUser(req).id };
}
