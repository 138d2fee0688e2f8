import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { deskServicePointId } from '../../http/desk-scope.js';
import { identifier, text } from '../../../shared/text-input.js';
import { walkInHintReply } from '../../../shared/catalog-admin.js';
import { enrolWalkIn, walkInHint } from './walk-ins.service.js';

const access = { access: 'desk.use' } as const;

/** Walk-ins at the desk: how many accounts match the empty search, and enrolment at the counter. */
export async function walkInRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/desk/walk-ins',
    {
      config: access,
      schema: { querystring: z.object({ q: text({ max: 120 }).default('') }), response: { 200: walkInHintReply } },
    },
    async (req) => walkInHint(ctx, deskServicePointId(req), req.query.q),
  );

  app.post(
    '/api/desk/walk-ins',
    {
      config: access,
      schema: {
        body: z.object({ login: text({ min: 1, max: 254 }), trainingId: identifier() }),
        response: { 200: z.object({ learnerId: z.string() }) },
      },
    },
    async (req) =>
      enrolWalkIn(ctx, {
        servicePointId: deskServicePointId(req),
        operatorId: currentUser(req).id,
        login: req.body.login,
        trainingId: req.body.trainingId,
        ip: clientIp(req),
      }),
  );
}
