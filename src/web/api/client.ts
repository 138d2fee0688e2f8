/** The typed way the web app talks to the server: JSON, cookies, CSRF header, errors as ApiError. */
import { INTERFACE_LANGUAGE_HEADER, type ApiErrorBody, type ErrorCode } from '../../shared/errors';
import i18n from '../i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly field?: string,
    readonly details?: unknown,
    /** Seconds the server asked to wait before trying again (a 503's or 429's Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

function csrfToken(): string {
  const m = /(?:^|;\s*)vigie_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : '';
}

let onUnauthorized: (() => void) | undefined;
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn;
}

export async function api<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  init: RequestInit = {},
  retriedCsrf = false,
): Promise<T> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  // The server words its refusals in the language the interface shows now (« English » may differ from the account's).
  headers[INTERFACE_LANGUAGE_HEADER] = i18n.language.startsWith('en') ? 'en' : 'fr';
  let res: Response;
  try {
    res = await fetch(url, { ...init, method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', i18n.language.startsWith('en') ? 'Network unavailable.' : 'Réseau indisponible.');
  }
  if (res.ok) {
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('application/json') ? await res.json() : await res.blob()) as T;
  }
  let err: ApiErrorBody['error'] = { code: 'internal', message: `Erreur ${res.status}` };
  try {
    err = ((await res.json()) as ApiErrorBody).error;
  } catch {
    /* not JSON: keep the generic message */
  }
  // The CSRF token is bound to the session: when the session ended (or began) in another tab, the refusal
  // carries the current token in its cookie, and one retry with it goes through. Nothing was done the first time.
  if (res.status === 403 && err.code === 'csrf' && !retriedCsrf) return api<T>(method, url, body, init, true);
  if (res.status === 401 && onUnauthorized && !url.endsWith('/sign-in')) onUnauthorized();
  const suffix = err.requestId ? ` (${err.requestId})` : '';
  const after = Number(res.headers.get('retry-after') ?? NaN);
  const retryAfter = Number.isFinite(after) && after >= 0 ? after : undefined;
  throw new ApiError(res.status, err.code, err.message + suffix, err.field, err.details, retryAfter);
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
export const put = <T>(url: string, body?: unknown) => api<T>('PUT', url, body ?? {});
export const del = <T>(url: string) => api<T>('DELETE', url);
