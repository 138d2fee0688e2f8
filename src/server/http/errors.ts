import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCodes, INTERFACE_LANGUAGE_HEADER, type ApiErrorBody } from '../../shared/errors.js';
import { databaseTrouble, retryAfterSeconds } from '../db/errors.js';
import { DomainError } from '../errors.js';
import { messageFor, type Lang } from './messages.js';
import { parserErrorField, validationField } from './request-errors.js';

/** The multipart limit (app.ts registers it): a photo over it is refused with this size. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * The language of the server's sentences: the one the web app's interface shows now (its header: « English »
 * chosen on the page), else the account's, else the browser's.
 */
export function requestLang(req: FastifyRequest): Lang {
  const shown = req.headers[INTERFACE_LANGUAGE_HEADER];
  if (shown === 'en' || shown === 'fr') return shown;
  const fromUser = req.user?.language;
  if (fromUser === 'en' || fromUser === 'fr') return fromUser;
  const header = req.headers['accept-language'] ?? '';
  return /^en\b/i.test(header) ? 'en' : 'fr';
}

function send(reply: FastifyReply, status: number, body: ApiErrorBody) {
  return reply.status(status).send(body);
}

/**
 * What Fastify answers itself before any route runs (an address that does not decode, a path parameter over
 * its length): bad input like any other, in the same shape, naming the address.
 */
export function answerFrameworkError(_err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const field = 'url';
  return send(reply, 400, {
    error: { code: 'validation', message: messageFor('validation', requestLang(req), { field }), field },
  });
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | DomainError, req, reply) => {
    const lang = requestLang(req);
    if (err instanceof DomainError) {
      return send(reply, errorCodes[err.code], {
        error: {
          code: err.code,
          message: messageFor(err.code, lang, err.opts.params),
          field: err.opts.field,
          details: err.opts.details,
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const field = validationField(err);
      const message = messageFor('validation', lang, { field });
      return send(reply, 400, { error: { code: 'validation', message, field } });
    }
    const trouble = databaseTrouble(err);
    if (trouble) {
      // The database, not the request, is at fault: said as such (logged once per request, without a
      // stack for the expected ones), and the client is told when to try again.
      req.log.warn({ trouble, cause: describeCause(err) }, `database trouble: ${trouble}`);
      reply.header('retry-after', String(retryAfterSeconds[trouble]));
      return send(reply, errorCodes[trouble], { error: { code: trouble, message: messageFor(trouble, lang) } });
    }
    const fe = err as FastifyError;
    if (fe.statusCode === 429) {
      return send(reply, 429, { error: { code: 'rate_limited', message: messageFor('rate_limited', lang) } });
    }
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) {
      const file = req.routeOptions.config?.bodyFile;
      // The limit that refused it: the file's own, the multipart one, else the route's body limit (1 MB for JSON).
      const limit = req.isMultipart() ? MAX_UPLOAD_BYTES : (req.routeOptions.bodyLimit ?? MAX_UPLOAD_BYTES);
      const max = file?.maxMegabytes ?? Math.max(1, Math.floor(limit / (1024 * 1024)));
      const message = messageFor('file_too_large', lang, { max });
      return send(reply, 413, { error: { code: 'file_too_large', message, ...(file ? { field: file.field } : {}) } });
    }
    // A body the parsers could not read (malformed JSON or multipart…) is bad input, naming what was wrong.
    const parserField = parserErrorField(fe, req);
    if (parserField || (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)) {
      const field = parserField ?? 'body';
      return send(reply, 400, {
        error: { code: 'validation', message: messageFor('validation', lang, { field }), field },
      });
    }
    // PostgreSQL's `detail` quotes the row's values (« Key (email)=(…) already exists »): personal data.
    const pgErr = err as { detail?: unknown; where?: unknown };
    if (typeof pgErr.detail === 'string') pgErr.detail = '[redacted]';
    req.log.error({ err }, 'unexpected error');
    return send(reply, 500, { error: { code: 'internal', message: messageFor('internal', lang), requestId: req.id } });
  });
  app.setNotFoundHandler((req, reply) => {
    return send(reply, 404, { error: { code: 'not_found', message: messageFor('not_found', requestLang(req)) } });
  });
}

/** The database error's own code and message (SQLITE_FULL, 57P01…), and its cause's, for the log. */
function describeCause(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined; e && parts.length < 3;) {
    parts.push([e.code, e.message].filter(Boolean).join(' '));
    e = e.cause as typeof e;
  }
  return parts.join(' ← ');
}
