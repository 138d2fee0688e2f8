import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode } from 'zod/v4/core';

/** The same value with its object keys sorted: two replies compare equal whatever their key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/**
 * Every JSON reply goes through its route's zod schema (a reply that does not match is a 500, and a field
 * the schema does not name is left out). With `strict` (the tests' setting), a reply the schema changed in
 * any way — a field dropped, a value transformed — is a 500 too, naming the difference: so every
 * integration test also proves that a reply schema says exactly what its route sends.
 */
export function replySerializerCompiler(strict: boolean): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url }) => {
    if (!(schema instanceof $ZodType)) throw new Error(`${method} ${url}: a reply schema must be a zod schema`);
    return (data) => {
      const result = safeEncode(schema, data);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      const json = JSON.stringify(result.data);
      if (strict) {
        const sent = JSON.stringify(canonical(JSON.parse(json)));
        const given = JSON.stringify(canonical(JSON.parse(JSON.stringify(data) ?? 'null')));
        if (sent !== given) {
          const err = new Error(
            `${method} ${url}: the reply schema changed the reply\n  given ${given}\n  sent  ${sent}`,
          );
          // Tests log nothing: say it where the failing test is read.
          console.error(err.message);
          throw err;
        }
      }
      return json;
    };
  };
}
