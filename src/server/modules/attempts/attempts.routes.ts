import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { workstationIdOf } from '../../http/workstation.js';
import { saveAnswer } from './answers.service.js';
import {
  answerAck,
  answerBody,
  answerParams,
  attemptDelivery,
  attemptParams,
  heartbeatReply,
  submitReply,
} from './attempts.schemas.js';
import { heartbeat, openAttempt, startAttempt, type Caller } from './attempts.service.js';
import { submitAttempt } from './ending.service.js';

/** The learner taking an exam at the workstation. Every route acts as the signed-in learner, from this browser. */
export async function attemptsRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const access = { access: 'learning.self' } as const;
  const caller = (req: FastifyRequest): Caller => ({
    userId: currentUser(req).id,
    workstationId: workstationIdOf(ctx, req),
    ip: clientIp(req),
  });
  const noStore = { 'cache-control': 'no-store' };

  app.get(
    '/api/attempts/:attemptId',
    { config: access, schema: { params: attemptParams, response: { 200: attemptDelivery } } },
    async (req, reply) => reply.headers(noStore).send(await openAttempt(ctx, req.params.attemptId, caller(req))),
  );

  app.post(
    '/api/attempts/:attemptId/start',
    { config: access, schema: { params: attemptParams, response: { 200: attemptDelivery } } },
    async (req) => startAttempt(ctx, req.params.attemptId, caller(req)),
  );

  app.put(
    '/api/attempts/:attemptId/answers/:itemId',
    { config: access, schema: { params: answerParams, body: answerBody, response: { 200: answerAck } } },
    async (req) =>
      saveAnswer(ctx, req.params.attemptId, caller(req), {
        itemId: req.params.itemId,
        choiceIds: req.body.choiceIds,
        flagged: req.body.flagged,
        seq: req.body.seq,
      }),
  );

  app.post(
    '/api/attempts/:attemptId/heartbeat',
    { config: access, schema: { params: attemptParams, response: { 200: heartbeatReply } } },
    async (req) => heartbeat(ctx, req.params.attemptId, caller(req)),
  );

  app.post(
    '/api/attempts/:attemptId/submit',
    { config: access, schema: { params: attemptParams, response: { 200: submitReply } } },
    async (req) => submitAttempt(ctx, req.params.attemptId, caller(req)),
  );
}
