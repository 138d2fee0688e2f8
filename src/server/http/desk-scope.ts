import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import { mayReachLearner, operatorAt } from '../modules/access/access.service.js';
import { currentUser } from './auth.js';

/*
 * Where an operator's request acts, read from the request (session, user), for the routes of desk, identity,
 * photos and monitoring. The object-level check itself is the access module's (modules/access): this file
 * only turns the request into its actor.
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

/** Both at once: the operator's service point, and the learner within it (access.mayReachLearner). */
export async function deskScope(ctx: AppContext, req: FastifyRequest, learnerId: string) {
  const servicePointId = deskServicePointId(req);
  await mayReachLearner(ctx, operatorAt(servicePointId), learnerId);
  return { servicePointId, operatorId: currentUser(req).id };
}
