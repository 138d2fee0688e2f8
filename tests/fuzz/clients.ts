import type { FastifyInstance } from 'fastify';
import { Client } from '../support/test-app.js';

/**
 * A browser signed in as `username`, its CSRF header taken from the cookie the server set last (the token
 * is bound to the session, so the one read before signing in no longer works).
 */
export async function signedIn(app: FastifyInstance, username: string): Promise<Client> {
  const c = await Client.start(app);
  await c.signIn(username);
  followCsrfCookie(c);
  return c;
}

/** Sends the CSRF token the server last set in its cookie. */
export function followCsrfCookie(c: Client) {
  c.csrf = c.cookies.get('vigie_csrf') ?? c.csrf;
}
