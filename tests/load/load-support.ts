import { request, type Agent } from 'node:http';
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../../src/server/db/schema.js';
import { newId } from '../../src/server/crypto.js';
import { generateUserCode } from '../../src/server/modules/accounts/user-code.js';
import { compactText, emailSearchKeys, foldText } from '../../src/shared/text.js';
import type { Seat } from '../support/exam-room.js';
import { FIRST_NAMES, LAST_NAMES } from './names.js';

/** One request from a learner's browser (its cookies and CSRF token) on `agent`; resolves to the status (0: no answer). */
export function learnerRequest(agent: Agent, url: string, seat: Seat, method: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          cookie: seat.cookie,
          'x-csrf-token': seat.csrf,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** A learner's POST (empty body) that also reads the refusal: its status, error code and Retry-After (s). */
export function learnerCall(
  agent: Agent,
  url: string,
  seat: Seat,
): Promise<{ status: number; code: string; retryAfterS: number | null }> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          cookie: seat.cookie,
          'x-csrf-token': seat.csrf,
          'content-type': 'application/json',
          'content-length': 2,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          let code = '';
          if (status >= 400)
            try {
              code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '';
            } catch {
              /* not JSON */
            }
          const after = Number(res.headers['retry-after']);
          resolve({ status, code, retryAfterS: Number.isFinite(after) && after >= 0 ? after : null });
        });
      },
    );
    req.on('error', (e: Error & { code?: string }) =>
      resolve({ status: 0, code: e.code ?? e.message, retryAfterS: null }),
    );
    req.end('{}');
  });
}

/** The p-th percentile (0–1) of ascending `sorted` (nearest rank), or NaN when there is none. */
export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : NaN;

/** Signs in over HTTP as a browser does (the CSRF cookie first); the session's cookie header. */
export async function signedIn(base: string, login: string, password = 'vigie-demo-2026'): Promise<string> {
  const cookiesOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  const cookie = cookiesOf(await fetch(`${base}/api/session`));
  const token = /vigie_csrf=([^;]+)/.exec(cookie)![1]!;
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token },
    body: JSON.stringify({ login, password }),
  });
  return cookiesOf(res);
}

/**
 * Bench learner number `i`, as accounts.repo's insertUser writes one: the search columns compact
 * (`compactText`), and the e-mail's search keys (`email_search_keys`), so a bench searches what production holds.
 */
export function benchLearner(i: number, passwordHash: string, at: string) {
  const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
  const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]!;
  const username = `u${i}.${foldText(first).replace(/[^a-z]/g, '')}`;
  const email = `${username}@exemple.qc.ca`;
  const id = newId();
  const user: Insertable<Database['users']> = {
    id,
    username,
    username_lower: username,
    email,
    email_lower: email,
    password_hash: passwordHash,
    user_code: generateUserCode(),
    first_name: first,
    last_name: last,
    search_first: compactText(first),
    search_last: compactText(last),
    profile_picture: null,
    profile_picture_type: null,
    language: 'fr',
    notify_email: 1,
    preferences_set_at: at,
    membership_type: 'individual',
    organisation: null,
    is_admin: 0,
    created_at: at,
    updated_at: at,
  };
  const keys: Insertable<Database['email_search_keys']>[] = emailSearchKeys(email).map((key) => ({ user_id: id, key }));
  return { user, keys };
}

/** Writes learners and their e-mail keys in one transaction (SQLite takes at most 32,766 values per statement). */
export async function insertBenchLearners(
  trx: Transaction<Database>,
  learners: ReturnType<typeof benchLearner>[],
): Promise<void> {
  for (let u = 0; u < learners.length; u += 1000)
    await trx
      .insertInto('users')
      .values(learners.slice(u, u + 1000).map((l) => l.user))
      .execute();
  const keys = learners.flatMap((l) => l.keys);
  for (let k = 0; k < keys.length; k += 5000)
    await trx
      .insertInto('email_search_keys')
      .values(keys.slice(k, k + 5000))
      .execute();
}
