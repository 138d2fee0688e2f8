import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';
import { currentUser } from './auth.js';

/**
 * Which service points a request of `service_point.manage` may reach: every one for an administrator (null),
 * else the ones the user manages (« Gestionnaire de point de service »). Services put it in their WHERE
 * clause, so another service point's things answer exactly like things that do not exist (404).
 */
export function pointScope(req: FastifyRequest): readonly string[] | null {
  const user = currentUser(req);
  if (user.roles.includes('admin')) return null;
  return user.managedServicePoints.map((p) => p.id);
}

/** What only an administrator may do on a route managers also reach (granting the manager role). */
export function requireAdmin(req: FastifyRequest) {
  if (!currentUser(req).roles.includes('admin')) throw new DomainError('forbidden');
}
