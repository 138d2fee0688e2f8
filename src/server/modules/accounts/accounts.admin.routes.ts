import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountDetailReply, accountListReply, okReply, resetLinkReply } from '../../../shared/admin-org.js';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import * as admin from './accounts.admin.js';
import { accountListQuery, accountParams } from './accounts.schemas.js';

/**
 * « Comptes »: administrators find an account, see its roles and enrolments, send a reset link, unlock,
 * deactivate and reactivate. Managers may search (to grant the operator role at their service points).
 */
export async function adminAccountRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const access = 'admin.manage' as const;
  const ok = { ok: true } as const;

  app.get(
    '/api/admin/accounts',
    {
      config: { access: 'service_point.manage' },
      schema: { querystring: accountListQuery, response: { 200: accountListReply } },
    },
    async (req) => admin.searchAccounts(ctx, req.query),
  );

  app.get(
    '/api/admin/accounts/:userId',
    { config: { access }, schema: { params: accountParams, response: { 200: accountDetailReply } } },
    async (req) => admin.accountDetail(ctx, req.params.userId),
  );

  app.post(
    '/api/admin/accounts/:userId/reset-link',
    { config: { access }, schema: { params: accountParams, response: { 200: resetLinkReply } } },
    async (req) => ({ sent: await admin.sendResetLinkFor(ctx, currentUser(req).id, req.params.userId, clientIp(req)) }),
  );

  app.post(
    '/api/admin/accounts/:userId/unlock',
    { config: { access }, schema: { params: accountParams, response: { 200: okReply } } },
    async (req) => {
      await admin.unlock(ctx, currentUser(req).id, req.params.userId, clientIp(req));
      return ok;
    },
  );

  for (const [path, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(
      `/api/admin/accounts/:userId/${path}`,
      { config: { access }, schema: { params: accountParams, response: { 200: okReply } } },
      async (req) => {
        await admin.setActive(ctx, currentUser(req).id, req.params.userId, active, clientIp(req));
        return ok;
      },
    );
  }
}
