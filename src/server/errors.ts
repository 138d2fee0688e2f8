import type { ErrorCode } from '../shared/errors.js';

/**
 * A domain error: a stable code, optional field and details; the message comes from the table in
 * http/messages.ts. It lives here, not in http/, so that a service can refuse without importing the HTTP layer;
 * http/errors.ts turns it into a response.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly opts: { field?: string; details?: unknown; params?: Record<string, string | number> } = {},
  ) {
    super(code);
  }
}

export const notFound = () => new DomainError('not_found');
