import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { randomToken, safeEqual } from '../crypto.js';
import { can, type Access, type Actor } from '../policies.js';
import { DomainError } from '../errors.js';
import { loadSession, type CurrentSession, type CurrentUser } from '../modules/accounts/sessions.service.js';

export const SESSION_COOKIE = 'vigie_sid';
export const CSRF_COOKIE = 'vigie_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** A random id for a browser not signed in yet, so its CSRF token (sign-in, registration) is bound to something. */
export const PRE_SESSION_COOKIE = 'vigie_pre';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    session: CurrentSession | null;
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route: a capability from policies.ts, or 'public'. Required on every route. */
    access?: Access;
    /** A route whose JSON body carries a file: a body over its limit is a 413 naming this field and size. */
    bodyFile?: { field: string; maxMegabytes: number };
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function secureCookies(ctx: AppContext): boolean {
  return ctx.config.env === 'production' || ctx.config.publicUrl.startsWith('https://');
}

/**
 * The CSRF token is an HMAC, under the secrets' CSRF key, of what the server already knows the browser by:
 * its session's id, or before signing in a random pre-session id held in an httpOnly cookie. A token the
 * client makes up (`a` in the cookie and `a` in the header) or one of another session never matches.
 * The web app reads it from the `vigie_csrf` cookie and echoes it in the x-csrf-token header.
 */
export function sessionCsrfToken(ctx: AppContext, sessionId: string): string {
  return ctx.secrets.hmac('csrf', `session:${sessionId}`);
}

function preSessionCsrfToken(ctx: AppContext, preSessionId: string): string {
  return ctx.secrets.hmac('csrf', `pre-session:${preSessionId}`);
}

/** The token the request must carry: bound to its session, else to its pre-session id (null when it has none). */
function expectedCsrfToken(ctx: AppContext, req: FastifyRequest): string | null {
  if (req.session) return sessionCsrfToken(ctx, req.session.id);
  const pre = req.cookies[PRE_SESSION_COOKIE];
  return pre && pre.length >= 32 ? preSessionCsrfToken(ctx, pre) : null;
}

function setCsrfCookie(ctx: AppContext, reply: FastifyReply, token: string) {
  reply.setCookie(CSRF_COOKIE, token, { path: '/', sameSite: 'strict', secure: secureCookies(ctx), httpOnly: false });
}

/** After signing in: the token of the new session (the pre-session one no longer works). */
export function setSessionCsrfCookie(ctx: AppContext, reply: FastifyReply, sessionId: string) {
  setCsrfCookie(ctx, reply, sessionCsrfToken(ctx, sessionId));
}

/**
 * Gives the browser the token of its current state (its session, or a pre-session id, created if missing),
 * unless its cookie already holds it; returns the token.
 */
export function ensureCsrfCookie(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): string {
  let token = expectedCsrfToken(ctx, req);
  if (!token) {
    const pre = randomToken();
    reply.setCookie(PRE_SESSION_COOKIE, pre, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies(ctx),
    });
    token = preSessionCsrfToken(ctx, pre);
    // Seen by a second call in the same request (the hook, then GET /api/session): one id, one cookie.
    req.cookies[PRE_SESSION_COOKIE] = pre;
  }
  if (req.cookies[CSRF_COOKIE] !== token) {
    setCsrfCookie(ctx, reply, token);
    req.cookies[CSRF_COOKIE] = token;
  }
  return token;
}

/** After signing out: back to a pre-session token. */
export function resetCsrfCookieAfterSignOut(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  req.session = null;
  ensureCsrfCookie(ctx, req, reply);
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
        // The session ended: the browser's token was bound to it; give it a pre-session one for what comes next.
        ensureCsrfCookie(ctx, req, reply);
      }
    }
    if (!SAFE_METHODS.has(req.method)) {
      const expected = expectedCsrfToken(ctx, req);
      const header = req.headers[CSRF_HEADER];
      if (!expected || typeof header !== 'string' || !safeEqual(expected, header)) {
        // The refusal carries the right token, so the web app's one retry goes through (a stale page).
        ensureCsrfCookie(ctx, req, reply);
        throw new DomainError('csrf');
      }
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
