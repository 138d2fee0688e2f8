import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { requestLang } from '../../http/errors.js';
import { binaryReply } from '../../../shared/api/common.js';
import { bankImportReply, examDetailReply, examImportReply, examListReply } from '../../../shared/api/exams-admin.js';
import {
  bankImportBody,
  examExportQuery,
  examImportBody,
  examListQuery,
  examParams,
  examVersionParams,
  MAX_EXAM_BYTES,
} from './catalog.admin.schemas.js';
import { DomainError } from '../../errors.js';
import { importBank } from './banks.service.js';
import * as exams from './exams.admin.js';

const mediaTypes = {
  yaml: 'application/yaml',
  json: 'application/json',
  qti3: 'application/zip',
  qti21: 'application/zip',
};

/**
 * « Examens » (issue 16), for administrators: the exams and their versions, « Importer un examen » (a draft),
 * « Publier », « Retirer », the export in each format. The preview and « Essayer l'examen » are attempts'
 * (`attempts/trial.routes.ts`): they deliver items as a paper does.
 */
export async function examsAdminRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const config = { access: 'admin.manage' } as const;
  const meta = (req: Parameters<typeof clientIp>[0]) => ({ actorId: currentUser(req).id, ip: clientIp(req) });

  app.get(
    '/api/admin/exams',
    { config, schema: { querystring: examListQuery, response: { 200: examListReply } } },
    async (req) => exams.listExams(ctx, req.query),
  );

  app.get(
    '/api/admin/exams/:examId',
    { config, schema: { params: examParams, response: { 200: examDetailReply } } },
    async (req) => exams.examDetail(ctx, req.params.examId),
  );

  app.post(
    '/api/admin/exams/import',
    {
      config: { ...config, bodyFile: { field: 'content', maxMegabytes: MAX_EXAM_BYTES / (1024 * 1024) } },
      bodyLimit: Math.ceil(MAX_EXAM_BYTES / 3) * 4 + 64 * 1024,
      schema: { body: examImportBody, response: { 200: examImportReply } },
    },
    async (req) => {
      const { fileName, content, durationMinutes, passingMark } = req.body;
      return exams.importDraft(
        ctx,
        {
          fileName,
          bytes: Buffer.from(content, 'base64'),
          lang: requestLang(req),
          overrides: {
            ...(durationMinutes !== undefined ? { durationMinutes } : {}),
            ...(passingMark !== undefined ? { passingMark } : {}),
          },
        },
        meta(req),
      );
    },
  );

  // « Importer dans la banque de questions »: the reader of `vigie bank import`, every problem at once when refused.
  app.post(
    '/api/admin/exams/bank-import',
    {
      config: { ...config, bodyFile: { field: 'content', maxMegabytes: MAX_EXAM_BYTES / (1024 * 1024) } },
      bodyLimit: Math.ceil(MAX_EXAM_BYTES / 3) * 4 + 64 * 1024,
      schema: { body: bankImportBody, response: { 200: bankImportReply } },
    },
    async (req) => {
      const { training, fileName, content } = req.body;
      const source = { name: fileName, bytes: Buffer.from(content, 'base64') };
      try {
        return await importBank(ctx, training, source, { ...meta(req), lang: requestLang(req) });
      } catch (err) {
        // A refused package is the file's fault: the 400 names the field that carried it.
        if (err instanceof DomainError && err.code === 'import_invalid' && !err.opts.field)
          throw new DomainError('import_invalid', { ...err.opts, field: 'content' });
        throw err;
      }
    },
  );

  app.post(
    '/api/admin/exam-versions/:versionId/publish',
    { config, schema: { params: examVersionParams, response: { 200: examDetailReply } } },
    async (req) => exams.publishVersion(ctx, req.params.versionId, meta(req)),
  );

  app.post(
    '/api/admin/exam-versions/:versionId/retire',
    { config, schema: { params: examVersionParams, response: { 200: examDetailReply } } },
    async (req) => exams.retireVersion(ctx, req.params.versionId, meta(req)),
  );

  app.get(
    '/api/admin/exam-versions/:versionId/export',
    {
      config,
      schema: {
        params: examVersionParams,
        querystring: examExportQuery,
        response: { 200: binaryReply('application/octet-stream', 'The version as YAML, JSON or a QTI package (zip)') },
      },
    },
    async (req, reply) => {
      const file = await exams.exportVersion(ctx, req.params.versionId, req.query.format);
      return reply
        .header('content-type', mediaTypes[req.query.format])
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(file.bytes));
    },
  );
}
