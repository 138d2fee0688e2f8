import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { AppContext } from '../context.js';
import { pingDatabase } from '../db/index.js';

export async function opsRoutes(app: FastifyInstance, ctx: AppContext) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: 'vigie_http_requests_total',
    help: 'HTTP requests',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'vigie_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unknown';
    requests.inc({ method: req.method, route, status: reply.statusCode });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn' }, async (_req, reply) => {
    try {
      await pingDatabase(ctx.db);
      return { status: 'ok', database: ctx.dbKind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: ctx.dbKind });
    }
  });

  app.get('/metrics', { config: { access: 'public' }, logLevel: 'warn' }, async (_req, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
