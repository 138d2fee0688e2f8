import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { safeEqual } from '../crypto.js';
import { registrationHolds } from '../modules/service-points/workstations.service.js';
import { secureCookies } from './auth.js';

/**
 * A workstation is registered once by an operator, in its browser, which then carries this signed
 * cookie: `<workstationId>.<registered at, ms>.<hmac>` (before 0035: `<workstationId>.<hmac>`). The server
 * trusts the id only when the signature matches and the registration still holds: the workstation is not
 * retired and its registration was not revoked since (« Révoquer l'enregistrement »).
 */
export const WORKSTATION_COOKIE = 'vigie_ws';
const ONE_YEAR_S = 365 * 86400;

declare module 'fastify' {
  interface FastifyRequest {
    /** The workstation this browser is registered as (its cookie checked once per request), or null. */
    workstationId: string | null;
  }
}

export function setWorkstationCookie(ctx: AppContext, reply: FastifyReply, workstationId: string) {
  const signed = `${workstationId}.${ctx.now().getTime()}`;
  reply.setCookie(WORKSTATION_COOKIE, `${signed}.${ctx.secrets.hmac('workstation', signed)}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(ctx),
    maxAge: ONE_YEAR_S,
  });
}

export function clearWorkstationCookie(reply: FastifyReply) {
  reply.clearCookie(WORKSTATION_COOKIE, { path: '/' });
}

/** The id and registration time a cookie names, when its signature is right (the time is null before 0035). */
function readCookie(ctx: AppContext, raw: string): { id: string; issuedAt: number | null } | null {
  const dot = raw.lastIndexOf('.');
  if (dot <= 0) return null;
  const signed = raw.slice(0, dot);
  if (!safeEqual(raw.slice(dot + 1), ctx.secrets.hmac('workstation', signed))) return null;
  // Ids are base64url (no dot): a dot inside what is signed separates the registration time.
  const m = /^([^.]+)\.(\d{1,15})$/.exec(signed);
  return m ? { id: m[1]!, issuedAt: Number(m[2]) } : { id: signed, issuedAt: null };
}

/** Reads the workstation cookie of every request to a route (not static files) once. */
export function registerWorkstationCookie(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('workstationId', null);
  // The signature of a cookie value never changes: checked once per distinct value (an HMAC on every save is measurable).
  const signed = new Map<string, { id: string; issuedAt: number | null } | null>();
  app.addHook('onRequest', async (req) => {
    const raw = req.cookies[WORKSTATION_COOKIE];
    if (!raw || !req.routeOptions.config.access) return;
    let found = signed.get(raw);
    if (found === undefined) {
      found = readCookie(ctx, raw);
      if (signed.size >= 10_000) signed.clear();
      signed.set(raw, found);
    }
    if (found && (await registrationHolds(ctx, found.id, found.issuedAt))) req.workstationId = found.id;
  });
}

/** The workstation id this browser is registered as, or null (no cookie, a forged one, revoked or retired). */
export function workstationIdOf(_ctx: AppContext, req: FastifyRequest): string | null {
  return req.workstationId;
}
