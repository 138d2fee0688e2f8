import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { requestLang } from '../../http/errors.js';
import {
  catalogOptionsReply,
  enrolmentListReply,
  enrolmentOptionsReply,
  importPreviewReply,
  importReply,
  learnerSearchReply,
  trainingDetailReply,
  trainingListReply,
} from '../../../shared/catalog-admin.js';
import { pointScope } from '../../http/manager-scope.js';
import type { CatalogScope } from './admin-scope.js';
import {
  createTrainingBody,
  csvBody,
  MAX_CSV_BYTES,
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
 * « Formations » (administrators) and « Inscriptions » (issue 16): an administrator's scope is every service
 * point, a manager's (« Gestionnaire de point de service ») the points they manage — another point's enrolments
 * answer like ones that do not exist.
 */
export async function catalogAdminRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const config = { access: 'admin.manage' } as const;
  const manage = { access: 'service_point.manage' } as const;
  const scopeOf = (req: Parameters<typeof pointScope>[0]): CatalogScope => {
    const ids = pointScope(req);
    return ids ? { kind: 'servicePoints', ids } : { kind: 'all' };
  };
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
    { config: manage, schema: { querystring: enrolmentListQuery, response: { 200: enrolmentListReply } } },
    async (req) => enrolments.listEnrolments(ctx, scopeOf(req), { ...req.query, desc: req.query.dir === 'desc' }),
  );

  app.get(
    '/api/admin/enrolments/options',
    { config: manage, schema: { response: { 200: enrolmentOptionsReply } } },
    async (req) => enrolments.enrolmentOptions(ctx, scopeOf(req)),
  );

  app.get(
    '/api/admin/enrolments/learners',
    { config: manage, schema: { querystring: learnerSearchQuery, response: { 200: learnerSearchReply } } },
    async (req) => ({ learners: await enrolments.findLearners(ctx, req.query.q) }),
  );

  app.post(
    '/api/admin/enrolments',
    { config: manage, schema: { body: enrolBody, response: { 200: z.object({ id: z.string() }) } } },
    async (req) => enrolments.enrolOne(ctx, scopeOf(req), req.body, { ...meta(req), via: 'administration' }),
  );

  app.delete(
    '/api/admin/enrolments/:enrolmentId',
    { config: manage, schema: { params: enrolmentParams, response: { 200: ok } } },
    async (req) => {
      await enrolments.unenrol(ctx, scopeOf(req), req.params.enrolmentId, meta(req));
      return { ok: true as const };
    },
  );

  // A file over the limit is told the CSV's own limit, on its field (http/errors.ts).
  const csvFile = { ...manage, bodyFile: { field: 'content', maxMegabytes: MAX_CSV_BYTES / (1024 * 1024) } };
  const file = (req: { body: z.infer<typeof csvBody> } & Parameters<typeof requestLang>[0]) => ({
    fileName: req.body.fileName,
    bytes: Buffer.from(req.body.content, 'base64'),
    lang: requestLang(req),
  });

  app.post(
    '/api/admin/enrolments/import/preview',
    { config: csvFile, bodyLimit: 4 * 1024 * 1024, schema: { body: csvBody, response: { 200: importPreviewReply } } },
    async (req) => enrolments.previewImport(ctx, scopeOf(req), file(req)),
  );

  app.post(
    '/api/admin/enrolments/import',
    { config: csvFile, bodyLimit: 4 * 1024 * 1024, schema: { body: csvBody, response: { 200: importReply } } },
    async (req) => enrolments.importFile(ctx, scopeOf(req), file(req), meta(req)),
  );
}
