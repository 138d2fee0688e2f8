import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { notFound } from '../../errors.js';
import { requestLang } from '../../http/errors.js';
import { keepOperatorSessionAlive } from '../accounts/sessions.service.js';
import { deskServicePointId } from '../../http/desk-scope.js';
import { pointScope } from '../../http/manager-scope.js';
import { clockRoutes } from './clock.routes.js';
import { startLiveHub } from './live.hub.js';
import { openLiveStream } from './live.stream.js';
import { openAttemptStream } from './learner.stream.js';
import {
  attemptParams,
  binaryReply,
  dailySummaryReply,
  keepAliveReply,
  liveQuery,
  summaryCsvQuery,
  summaryParams,
  summaryQuery,
  terminationFiguresReply,
  terminationReply,
} from './monitoring.schemas.js';

const liveEvents = binaryReply(
  'text/event-stream',
  'Server-sent events, each with an id: `snapshot` (LiveSnapshot: every open exam), `row` (LiveRowChanged) and ' +
    '`removed` (LiveRowRemoved), JSON in `data`; their schemas are in src/shared/api/monitoring.ts',
);
const attemptEvents = binaryReply(
  'text/event-stream',
  "Server-sent events for the learner's own attempt: `attempt` (AttemptSignal of src/shared/live.ts: state, " +
    'deadlineAt, serverNow) when the stream opens and whenever the state or the deadline changes',
);
const csv = binaryReply('text/csv', "The service point's counts, one line per day asked (UTF-8, commas)");
import { endExam, terminationFigures } from './monitoring.service.js';
import { dailySummary, summaryCsv } from './summary.service.js';

/**
 * The operator watching the room: the live stream of the service point's open exams, « Terminer l'examen »
 * and its figures, the day's summary, and the keep-alive behind the idle-timeout warning.
 */
export async function monitoringRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const access = { access: 'desk.use' } as const;
  const manage = { access: 'service_point.manage' } as const;
  const hub = await startLiveHub(ctx);
  // Open streams would hold the server open: they are ended first, and clients reconnect elsewhere.
  app.addHook('preClose', async () => hub.closeAll());
  app.addHook('onClose', async () => hub.stop());

  // A stream, so no HEAD twin (it would hold a connection open for nothing).
  app.get(
    '/api/desk/live',
    { config: access, schema: { querystring: liveQuery, response: { 200: liveEvents } }, exposeHeadRoute: false },
    async (req, reply) => {
      const servicePointId = deskServicePointId(req);
      if (req.query.servicePointId && req.query.servicePointId !== servicePointId) throw notFound();
      const header = req.headers['last-event-id'];
      await openLiveStream(ctx, hub, req, reply, {
        servicePointId,
        sessionId: req.session!.id,
        userId: currentUser(req).id,
        lastEventId: (typeof header === 'string' ? header : undefined) ?? req.query.lastEventId,
      });
    },
  );

  // The learner's exam page hears of its own attempt at once (ended by the operator, time added…).
  app.get(
    '/api/attempts/:attemptId/events',
    {
      config: { access: 'learning.self' },
      schema: { params: attemptParams, response: { 200: attemptEvents } },
      exposeHeadRoute: false,
    },
    async (req, reply) =>
      openAttemptStream(ctx, hub, req, reply, {
        attemptId: req.params.attemptId,
        sessionId: req.session!.id,
        userId: currentUser(req).id,
      }),
  );

  app.get(
    '/api/desk/attempts/:attemptId/figures',
    { config: access, schema: { params: attemptParams, response: { 200: terminationFiguresReply } } },
    async (req) => terminationFigures(ctx, req.params.attemptId, deskServicePointId(req)),
  );

  app.post(
    '/api/desk/attempts/:attemptId/terminate',
    { config: access, schema: { params: attemptParams, response: { 200: terminationReply } } },
    async (req) =>
      endExam(ctx, {
        attemptId: req.params.attemptId,
        servicePointId: deskServicePointId(req),
        operatorId: currentUser(req).id,
        ip: clientIp(req),
      }),
  );

  await clockRoutes(fastify, ctx);

  // « Bilan de la journée »: the operator's service point at the desk; a manager's (or any, for an
  // administrator) in the administration — another point's answers like one that does not exist.
  const managed = (req: FastifyRequest, servicePointId: string) => {
    const scope = pointScope(req);
    if (scope && !scope.includes(servicePointId)) throw notFound();
    return servicePointId;
  };
  const sendCsv = async (
    reply: FastifyReply,
    servicePointId: string,
    q: { date?: string; from?: string; to?: string },
    lang: ReturnType<typeof requestLang>,
  ) => {
    const csv = await summaryCsv(ctx, servicePointId, { from: q.from ?? q.date, to: q.to ?? q.date }, lang);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csv.fileName}"`)
      .header('cache-control', 'no-store')
      .send(csv.body);
  };

  app.get(
    '/api/desk/summary',
    { config: access, schema: { querystring: summaryQuery, response: { 200: dailySummaryReply } } },
    async (req) => dailySummary(ctx, deskServicePointId(req), req.query.date),
  );

  app.get(
    '/api/desk/summary.csv',
    { config: access, schema: { querystring: summaryCsvQuery, response: { 200: csv } } },
    async (req, reply) => sendCsv(reply, deskServicePointId(req), req.query, requestLang(req)),
  );

  app.get(
    '/api/admin/service-points/:servicePointId/summary',
    {
      config: manage,
      schema: { params: summaryParams, querystring: summaryQuery, response: { 200: dailySummaryReply } },
    },
    async (req) => dailySummary(ctx, managed(req, req.params.servicePointId), req.query.date),
  );

  app.get(
    '/api/admin/service-points/:servicePointId/summary.csv',
    { config: manage, schema: { params: summaryParams, querystring: summaryCsvQuery, response: { 200: csv } } },
    async (req, reply) => sendCsv(reply, managed(req, req.params.servicePointId), req.query, requestLang(req)),
  );

  // Activity on an operator's page (or « Rester connecté »): the idle timeout starts again.
  app.post('/api/desk/keep-alive', { config: access, schema: { response: { 200: keepAliveReply } } }, async (req) =>
    keepOperatorSessionAlive(ctx, req.session!.id),
  );
}
