import type { FastifyError, FastifyRequest } from 'fastify';

/**
 * Which field a refused request got wrong, so every 400 names one (issue 14: a 400 once said « Champ
 * invalide : ?. »).
 */

/** The field of a schema validation error: the path, or the part of the request when it is whole. */
export function validationField(err: FastifyError & { validation?: { instancePath?: string }[] }): string {
  const first = err.validation?.[0];
  const path = String(first?.instancePath ?? '')
    .replace(/^\//, '')
    .replace(/\//g, '.');
  return path || err.validationContext || 'body';
}

/** What busboy (behind @fastify/multipart) throws on a body it cannot read: plain errors, without a status. */
const MULTIPART_FAILURES = [
  /^Multipart: /,
  /^Boundary required$/,
  /unexpected end of multipart data/i,
  /^Unexpected end of form$/,
  /^Malformed part header$/,
  /^The needle cannot/,
];

/**
 * A request the parsers refused (malformed multipart, an unreadable or unsupported body, a prototype key in
 * a multipart field name): the field to name in the 400, or null when the error is not one of them.
 */
export function parserErrorField(err: FastifyError, req: FastifyRequest): string | null {
  if (err.code === 'FST_PROTO_VIOLATION') return '__proto__';
  if (err.code?.startsWith('FST_ERR_CTP_') || err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return 'body';
  if (err.code === 'FST_MP_PREMATURE_CLOSE' || err.code === 'FST_INVALID_JSON_FIELD_ERROR') return 'body';
  const multipart = /^multipart\//i.test(String(req.headers['content-type'] ?? ''));
  if (multipart && !err.statusCode && MULTIPART_FAILURES.some((re) => re.test(err.message))) return 'body';
  return null;
}
