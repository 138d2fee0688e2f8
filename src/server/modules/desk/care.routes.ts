import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { deskScope } from '../../http/desk-scope.js';
import { pointScope } from '../../http/manager-scope.js';
import { notFound } from '../../errors.js';
import { mayReachLearner, operatorAt } from '../access/access.service.js';
import { identifier } from '../../../shared/text-input.js';
import { z } from 'zod';
import { okReply } from '../../../shared/api/common.js';
import { learnerParams } from './desk.schemas.js';
import { grantAccommodation, revokeAccommodation } from './accommodations.service.js';
import { reportIrregularity } from './irregularities.service.js';
import {
  accommodationBody,
  accommodationParams,
  accommodationReply,
  irregularityBody,
  irregularityReply,
} from './care.schemas.js';

const access = { access: 'desk.use' } as const;
const managerParams = z.object({ servicePointId: identifier(), learnerId: identifier() });

/**
 * The learner's file, beyond authorizing: « Mesures d'adaptation » (add, revoke) and « Signaler une
 * irrégularité ». A learner not enrolled at the operator's service point is not found (deskScope).
 */
export async function careRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/desk/learners/:learnerId/accommodations',
    {
      config: access,
      schema: { params: learnerParams, body: accommodationBody, response: { 200: accommodationReply } },
    },
    async (req) => {
      const { servicePointId, operatorId } = await deskScope(ctx, req, req.params.learnerId);
      const accommodation = await grantAccommodation(ctx, {
        ...req.body,
        learnerId: req.params.learnerId,
        servicePointId,
        operatorId,
        ip: clientIp(req),
      });
      return { accommodation };
    },
  );

  app.post(
    '/api/desk/learners/:learnerId/accommodations/:accommodationId/revoke',
    { config: access, schema: { params: accommodationParams, response: { 200: okReply } } },
    async (req) => {
      const { servicePointId, operatorId } = await deskScope(ctx, req, req.params.learnerId);
      await revokeAccommodation(ctx, {
        learnerId: req.params.learnerId,
        accommodationId: req.params.accommodationId,
        servicePointId,
        operatorId,
        ip: clientIp(req),
      });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/desk/learners/:learnerId/irregularities',
    {
      config: access,
      schema: { params: learnerParams, body: irregularityBody, response: { 200: irregularityReply } },
    },
    async (req) => {
      const { servicePointId, operatorId } = await deskScope(ctx, req, req.params.learnerId);
      const irregularity = await reportIrregularity(ctx, {
        ...req.body,
        learnerId: req.params.learnerId,
        servicePointId,
        reporterId: operatorId,
        ip: clientIp(req),
      });
      return { irregularity };
    },
  );

  // The manager of the learner's service point (or an administrator) reports too; another point's: not found.
  app.post(
    '/api/admin/service-points/:servicePointId/learners/:learnerId/irregularities',
    {
      config: { access: 'service_point.manage' },
      schema: { params: managerParams, body: irregularityBody, response: { 200: irregularityReply } },
    },
    async (req) => {
      const { servicePointId, learnerId } = req.params;
      const scope = pointScope(req);
      if (scope && !scope.includes(servicePointId)) throw notFound();
      await mayReachLearner(ctx, operatorAt(servicePointId), learnerId);
      const irregularity = await reportIrregularity(ctx, {
        ...req.body,
        learnerId,
        servicePointId,
        reporterId: currentUser(req).id,
        ip: clientIp(req),
      });
      return { irregularity };
    },
  );
}
