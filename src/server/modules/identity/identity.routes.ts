import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { clientIp } from '../../http/auth.js';
import { requestLang } from '../../http/errors.js';
import { deskScope } from '../../http/desk-scope.js';
import { confirmIdentityBody, confirmIdentityReply, identityReply, learnerParams } from './identity.schemas.js';
import * as identity from './identity.service.js';

export async function identityRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const noStore = 'private, no-store';

  app.get(
    '/api/desk/learners/:learnerId/identity',
    { config: { access: 'desk.use' }, schema: { params: learnerParams, response: { 200: identityReply } } },
    async (req, reply) => {
      const scope = await deskScope(ctx, req, req.params.learnerId);
      const view = await identity.viewIdentity(
        ctx,
        { ...scope, ip: clientIp(req) },
        req.params.learnerId,
        requestLang(req),
      );
      return reply.header('cache-control', noStore).send(view);
    },
  );

  app.post(
    '/api/desk/learners/:learnerId/identity',
    {
      config: { access: 'desk.use', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { params: learnerParams, body: confirmIdentityBody, response: { 200: confirmIdentityReply } },
    },
    async (req, reply) => {
      const scope = await deskScope(ctx, req, req.params.learnerId);
      const result = await identity.confirmIdentity(
        ctx,
        { ...scope, ip: clientIp(req) },
        req.params.learnerId,
        req.body,
        requestLang(req),
      );
      return reply.header('cache-control', noStore).send(result);
    },
  );
}
