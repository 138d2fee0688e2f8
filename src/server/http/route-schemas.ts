import type { FastifyInstance } from 'fastify';
import type { Access } from '../policies.js';

/**
 * Every route's request schemas (body, querystring, params), as declared, kept for the fuzz suite
 * (tests/fuzz): it generates its cases from them, so a new route is fuzzed without anyone writing a test.
 */
export interface RouteSchemas {
  method: string;
  url: string;
  access: Access | undefined;
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
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
    const schema = (route.schema ?? {}) as { body?: unknown; querystring?: unknown; params?: unknown };
    const access = (route.config as { access?: Access } | undefined)?.access;
    for (const method of [route.method].flat())
      routes.push({
        method,
        url: route.url,
        access,
        body: schema.body,
        querystring: schema.querystring,
        params: schema.params,
      });
  });
}
