import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { AppContext } from '../context.js';
import { retryAfterSeconds } from '../db/errors.js';
import { checkHealth } from '../modules/system/health.service.js';
import { requestLang } from './errors.js';
import { messageFor } from './messages.js';
import { binaryReply } from '../../shared/api/common.js';
import { healthReply, healthTroubleReply } from '../../shared/api/ops.js';

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

  // Within config.healthTimeoutMs, always: 200, or 503 saying why (the reason's code and sentence, as any
  // other 503 of the API), with Retry-After.
  const healthSchema = { response: { 200: healthReply, 503: healthTroubleReply } };
  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn', schema: healthSchema }, async (req, reply) => {
    const health = await checkHealth(ctx);
    if (health.ok) return { status: 'ok', database: ctx.dbKind };
    return reply
      .status(503)
      .header('retry-after', String(retryAfterSeconds[health.trouble]))
      .send({
        status: 'unavailable',
        database: ctx.dbKind,
        reason: health.trouble,
        detail: health.detail,
        message: messageFor(health.trouble, requestLang(req)),
      });
  });

  // Metrics tell a stranger how busy each route is and how the process fares: only for the scraper holding
  // METRICS_TOKEN (`Authorization: Bearer …`). Without the token configured, or with a wrong one, /metrics
  // answers exactly like a route that does not exist. (Not « loopback only »: behind a reverse proxy on the
  // same machine every request comes from loopback.)
  const expected = ctx.config.metricsToken
    ? createHash('sha256').update(`Bearer ${ctx.config.metricsToken}`).digest()
    : null;
  const metricsSchema = {
    response: { 200: binaryReply('text/plain', 'Prometheus text format (only with METRICS_TOKEN; 404 otherwise)') },
  };
  app.get('/metrics', { config: { access: 'public' }, logLevel: 'warn', schema: metricsSchema }, async (req, reply) => {
    const given = createHash('sha256')
      .update(req.headers.authorization ?? '')
      .digest();
    if (!expected || !timingSafeEqual(given, expected)) return reply.callNotFound();
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
