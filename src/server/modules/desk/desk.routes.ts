import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { notFound } from '../../errors.js';
import { clearWorkstationCookie, setWorkstationCookie, workstationIdOf } from '../../http/workstation.js';
import * as audit from '../audit/audit.service.js';
import { chooseServicePoint } from '../accounts/sessions.service.js';
import { authorizeExam, cancelAuthorization } from './authorizations.service.js';
import { deskScope, deskServicePointId } from '../../http/desk-scope.js';
import {
  attemptParams,
  authorizeBody,
  authorizeReply,
  chooseServicePointBody,
  deskReply,
  learnerFileReply,
  learnerListReply,
  learnerParams,
  listQuery,
  okReply,
  registerWorkstationReply,
  workstationParams,
} from './desk.schemas.js';
import * as desk from './desk.service.js';
import { markRegistered } from '../service-points/workstations.service.js';
import { walkInRoutes } from './walk-ins.routes.js';
import { careRoutes } from './care.routes.js';

const access = { access: 'desk.use' } as const;

function tryServicePoint(req: Parameters<typeof deskServicePointId>[0]): string | null {
  try {
    return deskServicePointId(req);
  } catch {
    return null;
  }
}

export async function deskRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Which service points this operator works at, and which one this session is at.
  app.get('/api/desk', { config: access, schema: { response: { 200: deskReply } } }, async (req) => {
    const user = currentUser(req);
    const current = user.servicePoints.length ? tryServicePoint(req) : null;
    const wsId = workstationIdOf(ctx, req);
    const workstations = current ? await desk.workstationsOf(ctx, current) : [];
    return {
      servicePoints: user.servicePoints,
      currentServicePointId: current,
      workstations,
      thisBrowserWorkstationId: wsId && workstations.some((w) => w.id === wsId) ? wsId : null,
    };
  });

  app.post(
    '/api/desk/service-point',
    { config: access, schema: { body: chooseServicePointBody, response: { 200: okReply } } },
    async (req) => {
      if (!currentUser(req).servicePoints.some((sp) => sp.id === req.body.servicePointId)) throw notFound();
      await chooseServicePoint(ctx, req.session!.id, req.body.servicePointId);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/desk/learners',
    { config: access, schema: { querystring: listQuery, response: { 200: learnerListReply } } },
    async (req) => {
      return desk.listLearners(ctx, deskServicePointId(req), req.query.q, req.query.page);
    },
  );

  app.get(
    '/api/desk/learners/:learnerId',
    { config: access, schema: { params: learnerParams, response: { 200: learnerFileReply } } },
    async (req) => {
      const { servicePointId } = await deskScope(ctx, req, req.params.learnerId);
      return desk.learnerFile(ctx, req.params.learnerId, servicePointId);
    },
  );

  app.post(
    '/api/desk/learners/:learnerId/authorizations',
    { config: access, schema: { params: learnerParams, body: authorizeBody, response: { 200: authorizeReply } } },
    async (req) => {
      const { servicePointId, operatorId } = await deskScope(ctx, req, req.params.learnerId);
      return authorizeExam(ctx, {
        learnerId: req.params.learnerId,
        ...req.body,
        servicePointId,
        operatorId,
        ip: clientIp(req),
      });
    },
  );

  app.post(
    '/api/desk/attempts/:attemptId/cancel',
    { config: access, schema: { params: attemptParams, response: { 200: okReply } } },
    async (req) => {
      await cancelAuthorization(ctx, req.params.attemptId, deskServicePointId(req), currentUser(req).id, clientIp(req));
      return { ok: true as const };
    },
  );

  // Registers this browser as one of the service point's workstations (a signed cookie).
  app.post(
    '/api/desk/workstations/:workstationId/register',
    { config: access, schema: { params: workstationParams, response: { 200: registerWorkstationReply } } },
    async (req, reply) => {
      const servicePointId = deskServicePointId(req);
      const ws = await desk.workstationAt(ctx, req.params.workstationId, servicePointId);
      await audit.recordAlone(ctx, {
        action: 'workstation.registered',
        actorId: currentUser(req).id,
        servicePointId,
        ip: clientIp(req),
        payload: { workstationId: ws.id },
      });
      await markRegistered(ctx, ws.id);
      setWorkstationCookie(ctx, reply, ws.id);
      return { ok: true as const, workstation: { id: ws.id, name: ws.name } };
    },
  );

  app.post(
    '/api/desk/workstation/forget',
    { config: access, schema: { response: { 200: okReply } } },
    async (_req, reply) => {
      clearWorkstationCookie(reply);
      return { ok: true as const };
    },
  );

  await walkInRoutes(fastify, ctx);
  await careRoutes(fastify, ctx);
}
