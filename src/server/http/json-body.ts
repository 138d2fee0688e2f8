import type { FastifyInstance } from 'fastify';
import { DomainError } from '../errors.js';

/**
 * The JSON body parser. Fastify's own refuses `__proto__` too, but as a bare 400 that names nothing
 * (« Champ invalide : ?. »); this one says where: a body that cannot be read is a 400 `validation` on
 * `body`, and a key that could poison a prototype (`__proto__`, `constructor`, `prototype`: no request
 * field is called so) names its path, e.g. `checklist.__proto__`. The querystring's keys likewise.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const refuse = (field: string) => new DomainError('validation', { field, params: { field } });

/** The path of the first forbidden key in a parsed body, or null. Iterative: a deep body cannot overflow. */
export function forbiddenKeyPath(value: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    for (const key of Object.keys(v)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return at;
      stack.push({ v: (v as Record<string, unknown>)[key], path: at });
    }
  }
  return null;
}

export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refuse('body');
  }
  const poisoned = forbiddenKeyPath(value);
  if (poisoned) throw refuse(poisoned);
  return value;
}

/** Replaces Fastify's JSON parser (the app's body limit still applies), and guards the querystring's keys. */
export function registerJsonBody(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const poisoned = forbiddenKeyPath(req.query);
    if (poisoned) throw refuse(poisoned);
  });
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
