import { createHash, timingSafeEqual } from 'node:crypto';
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

  // Metrics tell a stranger how busy each route is and how the process fares: only for the scraper holding
  // METRICS_TOKEN (`Authorization: Bearer …`). Without the token configured, or with a wrong one, /metrics
  // answers exactly like a route that does not exist. (Not « loopback only »: behind a reverse proxy on the
  // same machine every request comes from loopback.)
  const expected = ctx.config.metricsToken
    ? createHash('sha256').update(`Bearer ${ctx.config.metricsToken}`).digest()
    : null;
  app.get('/metrics', { config: { access: 'public' }, logLevel: 'warn' }, async (req, reply) => {
    const given = createHash('sha256')
      .update(req.headers.authorization ?? '')
      .digest();
    if (!expected || !timingSafeEqual(given, expected)) return reply.callNotFound();
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
