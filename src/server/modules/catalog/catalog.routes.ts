import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { currentUser } from '../../http/auth.js';
import { myTrainingsReply, trainingPageReply, trainingParams } from './catalog.schemas.js';
import * as learning from './learning.service.js';

/** The learner's « Mes formations ». Trainings, exams and enrolments are managed from the command line. */
export async function catalogRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/learning/trainings',
    { config: { access: 'learning.self' }, schema: { response: { 200: myTrainingsReply } } },
    async (req) => {
      const userId = currentUser(req).id;
      const trainings = await learning.myTrainings(ctx, userId);
      return { trainings, extraTime: await learning.extraTime(ctx, userId, trainings) };
    },
  );

  app.get(
    '/api/learning/trainings/:trainingId',
    {
      config: { access: 'learning.self' },
      schema: { params: trainingParams, response: { 200: trainingPageReply } },
    },
    async (req) => learning.trainingPage(ctx, currentUser(req).id, req.params.trainingId),
  );
}
