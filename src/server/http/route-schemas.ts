import type { FastifyInstance } from 'fastify';
import type { Access } from '../policies.js';

/**
 * Every route's schemas, as declared: the request's (body, querystring, params) for the fuzz suite
 * (tests/fuzz), which generates its cases from them, so a new route is fuzzed without anyone writing a test;
 * and the replies', by status code, from which http/openapi.ts writes the API's document.
 */
export interface RouteSchemas {
  method: string;
  url: string;
  access: Access | undefined;
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
  /** By status code: a zod schema (JSON), or `{ description, content: { mediaType: { schema } } }`. */
  response?: Record<string, unknown>;
  /**
   * A multipart request's parts (zod object), for the API's document only: the route reads them itself
   * (`req.file()`, `req.parts()`), so Fastify never validates them.
   */
  multipart?: unknown;
  /** Routes left out of the API's document (the web app's own files). */
  hide?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    vigieRouteSchemas: RouteSchemas[];
  }
}

export function registerRouteSchemas(app: FastifyInstance) {
  const routes: RouteSchemas[] = [];
  app.decorate('vigieRouteSchemas', routes);
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ?? {}) as Omit<RouteSchemas, 'method' | 'url' | 'access'>;
    const access = (route.config as { access?: Access } | undefined)?.access;
    for (const method of [route.method].flat())
      routes.push({
        method,
        url: route.url,
        access,
        body: schema.body,
        querystring: schema.querystring,
        params: schema.params,
        response: schema.response,
        multipart: schema.multipart,
        hide: schema.hide,
      });
  });
}
