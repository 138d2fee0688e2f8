import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { safeEqual } from '../crypto.js';
import { secureCookies } from './auth.js';

/**
 * A workstation is registered once by an operator, in its browser, which then carries this signed
 * cookie: `<workstationId>.<hmac>`. The server trusts the id only when the signature matches.
 */
export const WORKSTATION_COOKIE = 'vigie_ws';
const ONE_YEAR_S = 365 * 86400;

export function setWorkstationCookie(ctx: AppContext, reply: FastifyReply, workstationId: string) {
  const value = `${workstationId}.${ctx.secrets.hmac('workstation', workstationId)}`;
  reply.setCookie(WORKSTATION_COOKIE, value, {
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

/** The workstation id this browser was registered as, or null (no cookie, or a forged one). */
export function workstationIdOf(ctx: AppContext, req: FastifyRequest): string | null {
  const raw = req.cookies[WORKSTATION_COOKIE];
  if (!raw) return null;
  const dot = raw.lastIndexOf('.');
  if (dot <= 0) return null;
  const id = raw.slice(0, dot);
  return safeEqual(raw.slice(dot + 1), ctx.secrets.hmac('workstation', id)) ? id : null;
}
