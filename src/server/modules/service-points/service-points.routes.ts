import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createdReply,
  okReply,
  servicePointDetailReply,
  servicePointListReply,
  workstationListReply,
} from '../../../shared/admin-org.js';
import type { AppContext } from '../../context.js';
import { currentUser } from '../../http/auth.js';
import { pointScope, requireAdmin } from '../../http/manager-scope.js';
import {
  newServicePointBody,
  servicePointBody,
  servicePointListQuery,
  servicePointParams,
  staffBody,
  workstationBody,
  workstationListQuery,
  workstationParams,
} from './service-points.schemas.js';
import * as points from './service-points.service.js';
import * as workstations from './workstations.service.js';

/**
 * « Points de service », « Postes de travail », « Opérateurs »: administrators reach every service point,
 * a manager only theirs (pointScope); creating, editing and closing a service point is the administrators'.
 */
export async function servicePointsRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const manage = { access: 'service_point.manage' } as const;
  const admin = { access: 'admin.manage' } as const;
  const ok = { ok: true } as const;
  const reply = <T>(schema: T) => ({ response: { 200: schema } });

  app.get(
    '/api/admin/service-points',
    { config: manage, schema: { querystring: servicePointListQuery, ...reply(servicePointListReply) } },
    async (req) => points.searchServicePoints(ctx, pointScope(req), { ...req.query, includeClosed: req.query.closed }),
  );

  app.post(
    '/api/admin/service-points',
    { config: admin, schema: { body: newServicePointBody, ...reply(createdReply) } },
    async (req) => ({ id: await points.createServicePoint(ctx, req.body, currentUser(req).id) }),
  );

  app.get(
    '/api/admin/service-points/:servicePointId',
    { config: manage, schema: { params: servicePointParams, ...reply(servicePointDetailReply) } },
    async (req) => points.servicePointDetail(ctx, req.params.servicePointId, pointScope(req)),
  );

  app.put(
    '/api/admin/service-points/:servicePointId',
    { config: admin, schema: { params: servicePointParams, body: servicePointBody, ...reply(okReply) } },
    async (req) => {
      await points.updateServicePoint(ctx, currentUser(req).id, req.params.servicePointId, req.body);
      return ok;
    },
  );

  for (const [path, closed] of [
    ['close', true],
    ['reopen', false],
  ] as const) {
    app.post(
      `/api/admin/service-points/:servicePointId/${path}`,
      { config: admin, schema: { params: servicePointParams, ...reply(okReply) } },
      async (req) => {
        await points.setServicePointClosed(ctx, currentUser(req).id, req.params.servicePointId, closed);
        return ok;
      },
    );
  }

  app.get(
    '/api/admin/service-points/:servicePointId/workstations',
    {
      config: manage,
      schema: { params: servicePointParams, querystring: workstationListQuery, ...reply(workstationListReply) },
    },
    async (req) =>
      workstations.listWorkstations(ctx, req.params.servicePointId, pointScope(req), {
        ...req.query,
        includeRetired: req.query.retired,
      }),
  );

  app.post(
    '/api/admin/service-points/:servicePointId/workstations',
    { config: manage, schema: { params: servicePointParams, body: workstationBody, ...reply(createdReply) } },
    async (req) => ({
      id: (
        await workstations.addWorkstation(
          ctx,
          currentUser(req).id,
          req.params.servicePointId,
          req.body.name,
          pointScope(req),
        )
      ).id,
    }),
  );

  app.put(
    '/api/admin/workstations/:workstationId',
    { config: manage, schema: { params: workstationParams, body: workstationBody, ...reply(okReply) } },
    async (req) => {
      await workstations.renameWorkstation(
        ctx,
        currentUser(req).id,
        req.params.workstationId,
        req.body.name,
        pointScope(req),
      );
      return ok;
    },
  );

  for (const [path, act] of [
    ['retire', workstations.retireWorkstation],
    ['revoke-registration', workstations.revokeRegistration],
  ] as const) {
    app.post(
      `/api/admin/workstations/:workstationId/${path}`,
      { config: manage, schema: { params: workstationParams, ...reply(okReply) } },
      async (req) => {
        await act(ctx, currentUser(req).id, req.params.workstationId, pointScope(req));
        return ok;
      },
    );
  }

  // « Opérateurs »: a manager grants and removes the operator role at their service points; the manager role is
  // granted by administrators.
  for (const [path, grant] of [
    ['grant', true],
    ['remove', false],
  ] as const) {
    app.post(
      `/api/admin/service-points/:servicePointId/staff/${path}`,
      { config: manage, schema: { params: servicePointParams, body: staffBody, ...reply(okReply) } },
      async (req) => {
        const scope = pointScope(req);
        // Scope first: another service point answers 404 whatever the role asked.
        await points.servicePoint(ctx, req.params.servicePointId, scope);
        if (req.body.role === 'manager') requireAdmin(req);
        const change = grant ? points.grantRole : points.removeRole;
        await change(ctx, currentUser(req).id, req.body.role, req.body.userId, req.params.servicePointId, scope);
        return ok;
      },
    );
  }
}
