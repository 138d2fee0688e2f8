import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { examPreviewReply, examTrialReply, examTrialScoreReply } from '../../../shared/api/exams-admin.js';
import { identifier, text } from '../../../shared/text-input.js';
import { previewVersion, scoreTrial, startTrial } from './trial.service.js';

const versionParams = z.object({ versionId: identifier() });
const trialScoreBody = z.object({
  paper: z.object({
    items: z
      .array(
        z.object({
          id: identifier(),
          choiceOrder: z.array(identifier()).max(2000),
          targetOrder: z.array(identifier()).max(50).optional(),
        }),
      )
      .min(1)
      .max(2000),
  }),
  // Choice ids, pairs « a b » or one typed text, by the item's type (answer-check.ts checks the shape).
  responses: z.record(identifier(), z.array(text({ max: 200 })).max(50)),
  /** The page's countdown reached zero: the result says « expired », as an attempt's would. */
  timeUp: z.boolean().default(false),
});

/**
 * « Examens »' preview of a version and « Essayer l'examen » (issue 16), for administrators, on any version
 * (draft, published or retired). Nothing is written: the trial's answers stay in the page.
 */
export async function trialRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const config = { access: 'admin.manage' } as const;
  const noStore = { 'cache-control': 'no-store' };

  app.get(
    '/api/admin/exam-versions/:versionId/preview',
    { config, schema: { params: versionParams, response: { 200: examPreviewReply } } },
    async (req, reply) => reply.headers(noStore).send(await previewVersion(ctx, req.params.versionId)),
  );

  app.get(
    '/api/admin/exam-versions/:versionId/trial',
    { config, schema: { params: versionParams, response: { 200: examTrialReply } } },
    async (req, reply) => reply.headers(noStore).send(await startTrial(ctx, req.params.versionId)),
  );

  app.post(
    '/api/admin/exam-versions/:versionId/trial/score',
    { config, schema: { params: versionParams, body: trialScoreBody, response: { 200: examTrialScoreReply } } },
    async (req) => scoreTrial(ctx, req.params.versionId, req.body),
  );
}
