import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { auditEntryReply, auditListReply, auditVerifyReply } from '../../../shared/catalog-admin.js';
import { dayInput } from '../../../shared/day-input.js';
import { identifier, text } from '../../../shared/text-input.js';
import * as admin from './audit.admin.js';
import { auditPayloads, type AuditAction } from '../audit/audit.events.js';

const ACTIONS = Object.keys(auditPayloads).sort() as [AuditAction, ...AuditAction[]];

const listQuery = z.object({
  from: dayInput.optional(),
  to: dayInput.optional(),
  actor: text({ min: 1, max: 254 }).optional(),
  learner: text({ min: 1, max: 254 }).optional(),
  action: z.enum(ACTIONS).optional(),
  servicePointId: identifier().optional(),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});
const entryParams = z.object({ entryId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** « Journal d'audit »: filtered reading, one entry with its payload, and the chain check. */
export async function auditAdminRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const config = { access: 'admin.manage' } as const;

  app.get(
    '/api/admin/audit',
    { config, schema: { querystring: listQuery, response: { 200: auditListReply } } },
    async (req) => ({ ...(await admin.listEntries(ctx, req.query)), actions: ACTIONS }),
  );

  app.get(
    '/api/admin/audit/:entryId',
    { config, schema: { params: entryParams, response: { 200: auditEntryReply } } },
    async (req) => admin.entryDetail(ctx, req.params.entryId),
  );

  // A read, but it walks the whole chain: a POST, so no prefetch or crawler starts it.
  app.post(
    '/api/admin/audit/verify',
    {
      config: { ...config, rateLimit: { max: 6, timeWindow: '1 minute' } },
      schema: { response: { 200: auditVerifyReply } },
    },
    async () => admin.verify(ctx),
  );
}
