import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { randomToken, safeEqual } from '../crypto.js';
import { can, type Access, type Actor } from '../policies.js';
import { DomainError } from './errors.js';
import { loadSession, type CurrentSession, type CurrentUser } from '../modules/accounts/sessions.service.js';

export const SESSION_COOKIE = 'vigie_sid';
export const CSRF_COOKIE = 'vigie_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    session: CurrentSession | null;
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route: a capability from policies.ts, or 'public'. Required on every route. */
    access?: Access;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function secureCookies(ctx: AppContext): boolean {
  return ctx.config.env === 'production' || (ctx.config.publicUrl?.startsWith('https://') ?? false);
}

/** Sets the CSRF cookie (double-submit) when missing; the SPA echoes it in the x-csrf-token header. */
export function ensureCsrfCookie(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): string {
  const existing = req.cookies[CSRF_COOKIE];
  if (existing && existing.length >= 32) return existing;
  const token = randomToken();
  reply.setCookie(CSRF_COOKIE, token, { path: '/', sameSite: 'strict', secure: secureCookies(ctx), httpOnly: false });
  return token;
}

export function registerAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);

  // Every route must say who may call it: a route without `config.access` fails at start-up.
  // The list is kept for the route inventory test.
  const inventory: { method: string; url: string; access: Access | undefined }[] = [];
  app.decorate('vigieRoutes', inventory);
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    for (const method of [route.method].flat()) inventory.push({ method, url: route.url, access });
    if (!access && !route.url.startsWith('/assets') && route.url !== '*' && !route.url.startsWith('/*')) {
      throw new Error(`Route ${route.method} ${route.url} declares no access`);
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (!access) return; // static files
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await loadSession(ctx, token);
      if (found) {
        req.session = found.session;
        req.user = found.user;
        req.actor = { userId: found.user.id, roles: found.user.roles };
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    if (!SAFE_METHODS.has(req.method)) {
      const cookie = req.cookies[CSRF_COOKIE];
      const header = req.headers[CSRF_HEADER];
      if (!cookie || typeof header !== 'string' || !safeEqual(cookie, header)) throw new DomainError('csrf');
    }
    if (access === 'public') return;
    if (!req.actor) throw new DomainError(token ? 'session_expired' : 'not_signed_in');
    if (!can(req.actor, access)) throw new DomainError('forbidden');
  });
}

/** The signed-in user, for handlers behind a non-public access (the hook guarantees it). */
export function currentUser(req: FastifyRequest): CurrentUser {
  if (!req.user) throw new DomainError('not_signed_in');
  return req.user;
}

export function clientIp(req: FastifyRequest): string {
  return req.ip;
}
