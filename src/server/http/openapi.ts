import { z } from 'zod';
import { errorReply } from '../../shared/api/common.js';
import { capabilities, type Access } from '../policies.js';
import type { RouteSchemas } from './route-schemas.js';
import { SESSION_COOKIE } from './auth.js';

type Json = Record<string, unknown>;

/**
 * The API's OpenAPI 3.1 document, written from the routes' own schemas (http/route-schemas.ts keeps them), so it
 * cannot drift from what the server checks and sends: request schemas as their input, replies as their output.
 * JSON Schema 2020-12 is OpenAPI 3.1's own dialect: zod's `toJSONSchema` output is used as it is.
 */
export function openApiDocument(routes: readonly RouteSchemas[], version: string): Json {
  const components: { schemas: Record<string, Json> } = { schemas: {} };
  let defCount = 0;
  const toJson = (schema: unknown, io: 'input' | 'output'): Json => {
    const out = z.toJSONSchema(schema as z.ZodType, { io, unrepresentable: 'any' }) as Json;
    delete out.$schema;
    // Shared definitions (recursive or named schemas) move to components, where their $refs can reach them.
    // zod names them per conversion (`__schema0`…): each gets a name unique in the document, and every $ref to it
    // (in the schema, and inside the definitions themselves when they are recursive) is rewritten.
    const defs = out.$defs as Record<string, Json> | undefined;
    delete out.$defs;
    if (!defs) return out;
    const renamed = new Map(Object.keys(defs).map((name) => [name, `${name.replace(/^_+/, '')}_${++defCount}`]));
    const relink = (json: Json): Json =>
      JSON.parse(
        JSON.stringify(json).replace(/"#\/\$defs\/([^"]+)"/g, (_, name: string) => {
          return `"#/components/schemas/${renamed.get(name) ?? name}"`;
        }),
      ) as Json;
    for (const [name, def] of Object.entries(defs)) components.schemas[renamed.get(name)!] = relink(def);
    return relink(out);
  };

  components.schemas.ErrorReply = toJson(errorReply, 'output');
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    if (r.method === 'HEAD' || r.hide) continue;
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const parameters = [...parametersOf(r.params, 'path', toJson), ...parametersOf(r.querystring, 'query', toJson)];
    const responses: Record<string, Json> = {};
    for (const [status, reply] of Object.entries(r.response ?? {})) {
      if (isContentReply(reply)) {
        responses[status] = {
          description: reply.description,
          content: Object.fromEntries(
            Object.entries(reply.content).map(([type, c]) => [type, { schema: toJson(c.schema, 'output') }]),
          ),
        };
      } else {
        responses[status] = {
          description: statusDescriptions[status] ?? 'Reply',
          content: { 'application/json': { schema: toJson(reply, 'output') } },
        };
      }
    }
    responses['4XX'] = { $ref: '#/components/responses/Error' };
    responses['5XX'] = { $ref: '#/components/responses/Error' };
    const access = r.access ?? 'public';
    const operation: Json = {
      operationId: `${r.method.toLowerCase()} ${r.url}`,
      tags: [tagOf(r.url)],
      summary: `${r.method} ${r.url}`,
      description: accessSentence(access),
      'x-vigie-access': access,
      security: access === 'public' ? [] : [{ session: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(r.body, 'input') } } } }
        : {}),
      ...(r.multipart
        ? {
            requestBody: {
              required: true,
              content: { 'multipart/form-data': { schema: toJson(r.multipart, 'input') } },
            },
          }
        : {}),
      responses,
    };
    (paths[path] ??= {})[r.method.toLowerCase()] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigie API',
      version,
      description:
        'Supervised certification exams. Every state-changing request carries the `x-csrf-token` header ' +
        '(the `vigie_csrf` cookie’s value); every error is `{ error: { code, message, field?, requestId? } }`.',
    },
    paths,
    components: {
      ...components,
      responses: {
        Error: {
          description: 'A domain error: a stable code, a message in the request’s language, the field at fault',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorReply' } } },
        },
      },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
    },
  };
}

const statusDescriptions: Record<string, string> = { '200': 'OK', '503': 'Service unavailable' };

function isContentReply(
  reply: unknown,
): reply is { description: string; content: Record<string, { schema: unknown }> } {
  return typeof reply === 'object' && reply !== null && 'content' in reply;
}

function parametersOf(schema: unknown, where: 'path' | 'query', toJson: (s: unknown, io: 'input') => Json): Json[] {
  if (!schema) return [];
  const json = toJson(schema, 'input');
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, Json>).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

/** The first meaningful segment of the address: /api/desk/… → desk, /healthz → ops. */
export function tagOf(url: string): string {
  const parts = url.split('/').filter(Boolean);
  if (parts[0] === 'api') return parts[1] === 'auth' || parts[1] === 'register' ? 'session' : (parts[1] ?? 'api');
  if (parts[0] === '.well-known') return 'cards';
  if (parts[0] === 'vendor') return 'photo-checks';
  return 'ops';
}

export function accessSentence(access: Access): string {
  if (access === 'public') return 'Accès : public, sans session · Access: public, no session needed.';
  const roles = capabilities[access].join(', ');
  return `Accès : ${access} (${roles}), connecté · Access: ${access} (${roles}), signed in.`;
}
