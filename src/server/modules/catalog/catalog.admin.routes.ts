import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { requestLang } from '../../http/errors.js';
import {
  catalogOptionsReply,
  enrolmentListReply,
  importPreviewReply,
  importReply,
  learnerSearchReply,
  trainingDetailReply,
  trainingListReply,
} from '../../../shared/catalog-admin.js';
import { EVERY_SERVICE_POINT } from './admin-scope.js';
import {
  createTrainingBody,
  csvBody,
  enrolBody,
  enrolmentListQuery,
  enrolmentParams,
  learnerSearchQuery,
  trainingListQuery,
  trainingParams,
  updateTrainingBody,
} from './catalog.admin.schemas.js';
import * as enrolments from './enrolments.admin.js';
import * as trainings from './trainings.admin.js';

const ok = z.object({ ok: z.literal(true) });

/**
 * « Formations » and « Inscriptions » (issue 16), for administrators: every service point is in their scope.
 * A per-service-point manager will pass their own scope to the same services.
 */
export async function catalogAdminRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const config = { access: 'admin.manage' } as const;
  const scope = EVERY_SERVICE_POINT;
  const meta = (req: Parameters<typeof clientIp>[0]) => ({ actorId: currentUser(req).id, ip: clientIp(req) });

  app.get('/api/admin/catalog/options', { config, schema: { response: { 200: catalogOptionsReply } } }, async () =>
    trainings.catalogOptions(ctx),
  );

  app.get(
    '/api/admin/trainings',
    { config, schema: { querystring: trainingListQuery, response: { 200: trainingListReply } } },
    async (req) => trainings.listTrainings(ctx, { ...req.query, desc: req.query.dir === 'desc' }),
  );

  app.get(
    '/api/admin/trainings/:trainingId',
    { config, schema: { params: trainingParams, response: { 200: trainingDetailReply } } },
    async (req) => trainings.trainingDetail(ctx, req.params.trainingId),
  );

  app.post(
    '/api/admin/trainings',
    { config, schema: { body: createTrainingBody, response: { 200: trainingDetailReply } } },
    async (req) => {
      const { code, ...input } = req.body;
      return trainings.createTraining(ctx, code, input, meta(req));
    },
  );

  app.put(
    '/api/admin/trainings/:trainingId',
    { config, schema: { params: trainingParams, body: updateTrainingBody, response: { 200: trainingDetailReply } } },
    async (req) => trainings.updateTraining(ctx, req.params.trainingId, req.body, meta(req)),
  );

  app.get(
    '/api/admin/enrolments',
    { config, schema: { querystring: enrolmentListQuery, response: { 200: enrolmentListReply } } },
    async (req) => enrolments.listEnrolments(ctx, scope, { ...req.query, desc: req.query.dir === 'desc' }),
  );

  app.get(
    '/api/admin/enrolments/learners',
    { config, schema: { querystring: learnerSearchQuery, response: { 200: learnerSearchReply } } },
    async (req) => ({ learners: await enrolments.findLearners(ctx, req.query.q) }),
  );

  app.post(
    '/api/admin/enrolments',
    { config, schema: { body: enrolBody, response: { 200: z.object({ id: z.string() }) } } },
    async (req) => enrolments.enrolOne(ctx, scope, req.body, { ...meta(req), via: 'administration' }),
  );

  app.delete(
    '/api/admin/enrolments/:enrolmentId',
    { config, schema: { params: enrolmentParams, response: { 200: ok } } },
    async (req) => {
      await enrolments.unenrol(ctx, scope, req.params.enrolmentId, meta(req));
      return { ok: true as const };
    },
  );

  const file = (req: { body: z.infer<typeof csvBody> } & Parameters<typeof requestLang>[0]) => ({
    fileName: req.body.fileName,
    bytes: Buffer.from(req.body.content, 'base64'),
    lang: requestLang(req),
  });

  app.post(
    '/api/admin/enrolments/import/preview',
    { config, bodyLimit: 4 * 1024 * 1024, schema: { body: csvBody, response: { 200: importPreviewReply } } },
    async (req) => enrolments.previewImport(ctx, scope, file(req)),
  );

  app.post(
    '/api/admin/enrolments/import',
    { config, bodyLimit: 4 * 1024 * 1024, schema: { body: csvBody, response: { 200: importReply } } },
    async (req) => enrolments.importFile(ctx, scope, file(req), meta(req)),
  );
}
