import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import {
  SESSION_COOKIE,
  clientIp,
  currentUser,
  ensureCsrfCookie,
  resetCsrfCookieAfterSignOut,
  secureCookies,
  setSessionCsrfCookie,
} from '../../http/auth.js';
import { DomainError } from '../../errors.js';
import { requestLang } from '../../http/errors.js';
import { workstationIdOf } from '../../http/workstation.js';
import { capabilitiesOf } from '../../policies.js';
import { registeredWorkstation } from '../service-points/service-points.service.js';
import { formatUserCode } from './user-code.js';
import {
  accountBody,
  accountReply,
  binaryReply,
  forgotBody,
  okReply,
  pictureParts,
  registerReply,
  sessionReply,
  signInReply,
  membershipBody,
  preferencesBody,
  profileBody,
  registerBody,
  resetBody,
  signInBody,
} from './accounts.schemas.js';
import * as accounts from './accounts.service.js';
import { afterReplySettled } from './after-reply.js';
import { dummyHash } from './passwords.js';
import { createSession, currentUserOf, destroySession } from './sessions.service.js';

const ok = { ok: true } as const;
const okSchema = { schema: { response: { 200: okReply } } };
const picture = binaryReply('image/*', 'The profile picture (saved as JPEG)');

export async function accountsRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const signInLimit = { max: ctx.config.signInPerAddress, timeWindow: '5 minutes' };
  // The hash unknown logins are checked against, made now: the first one then takes no longer than the rest.
  await dummyHash();
  // Closing: mails and audit rows queued after a reply get a few seconds to finish before the database closes.
  fastify.addHook('onClose', async () => {
    await Promise.race([afterReplySettled(ctx), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  });

  async function startSession(req: FastifyRequest, reply: FastifyReply, userId: string, remember: boolean) {
    const { token, id, expires } = await createSession(ctx, userId, remember, clientIp(req));
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies(ctx),
      // Unticked « Se souvenir de moi »: a browser-session cookie (the server also ends it after 12 h).
      ...(remember ? { expires } : {}),
    });
    // The CSRF token is bound to the session: the new one replaces the pre-session one.
    setSessionCsrfCookie(ctx, reply, id);
  }

  app.get(
    '/api/session',
    { config: { access: 'public' }, schema: { response: { 200: sessionReply } } },
    async (req, reply) => {
      const csrfToken = ensureCsrfCookie(ctx, req, reply);
      return {
        csrfToken,
        user: req.user ? { ...req.user, userCode: formatUserCode(req.user.userCode) } : null,
        capabilities: capabilitiesOf(req.actor),
        servicePointId: req.session?.servicePointId ?? null,
        demo: ctx.config.demo ? { password: ctx.config.demoPassword } : null,
        workstation: await registeredWorkstation(ctx, workstationIdOf(ctx, req)),
      };
    },
  );

  app.post(
    '/api/auth/sign-in',
    {
      config: { access: 'public', rateLimit: signInLimit },
      schema: { body: signInBody, response: { 200: signInReply } },
    },
    async (req, reply) => {
      const user = await accounts.signIn(ctx, req.body.login, req.body.password, clientIp(req));
      // A registered exam workstation never remembers anyone, whatever the request says.
      const remember = req.body.remember && !workstationIdOf(ctx, req);
      await startSession(req, reply, user.id, remember);
      await accounts.recordSignIn(ctx, user.id, remember, clientIp(req));
      return { user: await currentUserOf(ctx, user) };
    },
  );

  app.post('/api/auth/sign-out', { config: { access: 'account.self' }, ...okSchema }, async (req, reply) => {
    if (req.session) await destroySession(ctx, req.session.id);
    await accounts.recordSignOut(ctx, currentUser(req).id, clientIp(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    resetCsrfCookieAfterSignOut(ctx, req, reply);
    return ok;
  });

  app.post(
    '/api/register',
    {
      config: { access: 'public', rateLimit: signInLimit },
      schema: { body: registerBody, response: { 200: registerReply } },
    },
    async (req, reply) => {
      const created = await accounts.createAccount(ctx, req.body, { ip: clientIp(req), lang: requestLang(req) });
      await startSession(req, reply, created.id, false);
      return { userCode: formatUserCode(created.userCode) };
    },
  );

  app.get(
    '/api/account',
    { config: { access: 'account.self' }, schema: { response: { 200: accountReply } } },
    async (req) => accounts.accountView(ctx, currentUser(req).id),
  );

  app.put(
    '/api/account',
    {
      config: { access: 'account.self', rateLimit: signInLimit },
      schema: { body: accountBody, response: { 200: okReply } },
    },
    async (req) => {
      if (!req.session) throw new DomainError('not_signed_in');
      const by = { userId: currentUser(req).id, sessionId: req.session.id };
      await accounts.updateAccount(ctx, by, req.body, requestLang(req), clientIp(req));
      return ok;
    },
  );

  app.put(
    '/api/account/profile',
    { config: { access: 'account.self' }, schema: { body: profileBody, response: { 200: okReply } } },
    async (req) => {
      await accounts.saveProfile(ctx, currentUser(req).id, req.body);
      return ok;
    },
  );

  app.post(
    '/api/account/profile/picture',
    { config: { access: 'account.self' }, schema: { multipart: pictureParts, response: { 200: okReply } } },
    async (req) => {
      const file = await req.file({ limits: { fileSize: accounts.PROFILE_PICTURE_MAX_BYTES, files: 1 } });
      if (!file) throw new DomainError('invalid_image', { field: 'picture' });
      const data = await file.toBuffer();
      await accounts.saveProfilePicture(ctx, currentUser(req).id, data);
      return ok;
    },
  );

  app.get(
    '/api/account/profile/picture',
    { config: { access: 'account.self' }, schema: { response: { 200: picture } } },
    async (req, reply) => {
      const pic = await accounts.profilePicture(ctx, currentUser(req).id);
      return reply.header('cache-control', 'private, no-store').type(pic.type).send(pic.data);
    },
  );

  app.put(
    '/api/account/preferences',
    { config: { access: 'account.self' }, schema: { body: preferencesBody, response: { 200: okReply } } },
    async (req) => {
      await accounts.savePreferences(ctx, currentUser(req).id, req.body);
      return ok;
    },
  );

  app.put(
    '/api/account/membership',
    { config: { access: 'account.self' }, schema: { body: membershipBody, response: { 200: okReply } } },
    async (req) => {
      await accounts.saveMembership(ctx, currentUser(req).id, req.body);
      return ok;
    },
  );

  app.post(
    '/api/auth/forgot',
    { config: { access: 'public', rateLimit: signInLimit }, schema: { body: forgotBody, response: { 200: okReply } } },
    async (req) => {
      // The same answer at once for every login; the work and the mail come after the reply.
      accounts.requestPasswordReset(ctx, req.body.login, clientIp(req));
      return ok;
    },
  );

  app.post(
    '/api/auth/reset',
    { config: { access: 'public', rateLimit: signInLimit }, schema: { body: resetBody, response: { 200: okReply } } },
    async (req) => {
      await accounts.resetPassword(ctx, req.body.token, req.body.password, requestLang(req), clientIp(req));
      return ok;
    },
  );
}
