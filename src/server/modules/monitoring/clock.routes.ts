import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { deskServicePointId } from '../../http/desk-scope.js';
import { addTime, moveAttempt, pauseAttempt, pauseRoom, resumeAttempt, resumeRoom } from '../attempts/clock.service.js';
import { addTimeBody, attemptParams, clockReply, moveBody, pauseBody, roomClockReply } from './monitoring.schemas.js';

/**
 * The operator's hands on the exam clock (attempts/clock.service.ts): « Mettre en pause » / « Reprendre » one
 * attempt or the whole room (every attempt in progress at the operator's service point), « Ajouter du temps ».
 */
export async function clockRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const access = { access: 'desk.use' } as const;
  const by = (req: Parameters<typeof clientIp>[0]) => ({
    operatorId: currentUser(req).id,
    servicePointId: deskServicePointId(req),
    ip: clientIp(req),
  });

  app.post(
    '/api/desk/attempts/:attemptId/pause',
    { config: access, schema: { params: attemptParams, body: pauseBody, response: { 200: clockReply } } },
    async (req) => pauseAttempt(ctx, req.params.attemptId, by(req), req.body.reason),
  );

  app.post(
    '/api/desk/attempts/:attemptId/resume',
    { config: access, schema: { params: attemptParams, response: { 200: clockReply } } },
    async (req) => resumeAttempt(ctx, req.params.attemptId, by(req)),
  );

  app.post(
    '/api/desk/attempts/:attemptId/time',
    { config: access, schema: { params: attemptParams, body: addTimeBody, response: { 200: clockReply } } },
    async (req) => addTime(ctx, req.params.attemptId, by(req), req.body),
  );

  // « Déplacer vers un autre poste »: the clock stands still until the learner opens the exam there.
  app.post(
    '/api/desk/attempts/:attemptId/move',
    { config: access, schema: { params: attemptParams, body: moveBody, response: { 200: clockReply } } },
    async (req) => moveAttempt(ctx, req.params.attemptId, by(req), req.body),
  );

  app.post(
    '/api/desk/room/pause',
    { config: access, schema: { body: pauseBody, response: { 200: roomClockReply } } },
    async (req) => pauseRoom(ctx, by(req), req.body.reason),
  );

  app.post('/api/desk/room/resume', { config: access, schema: { response: { 200: roomClockReply } } }, async (req) =>
    resumeRoom(ctx, by(req)),
  );
}
