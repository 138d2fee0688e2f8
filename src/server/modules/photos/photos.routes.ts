import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { DomainError } from '../../errors.js';
import { requestLang } from '../../http/errors.js';
import { deskScope } from '../../http/desk-scope.js';
import {
  binaryReply,
  cropBody,
  imageQuery,
  learnerParams,
  photoReply,
  saveBody,
  uploadParts,
} from './photos.schemas.js';
import * as photos from './photos.service.js';

const NO_STORE = 'private, no-store';
const jpeg = { 200: binaryReply('image/jpeg', 'The picture (original, preview of the crop, or final 413 × 531)') };

export async function photosRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const desk = {
    config: { access: 'desk.use' as const },
    schema: { params: learnerParams, response: { 200: photoReply } },
  };
  const base = '/api/desk/learners/:learnerId/photo';

  /** The operator acting at their service point on a learner enrolled there (404 otherwise). */
  async function deskActor(req: FastifyRequest, learnerId: string) {
    const scope = await deskScope(ctx, req, learnerId);
    return { actorId: scope.operatorId, servicePointId: scope.servicePointId, ip: clientIp(req) };
  }
  const sendView = (reply: FastifyReply, photo: photos.PhotoView | null) =>
    reply.header('cache-control', NO_STORE).send({ photo });

  app.get(base, desk, async (req, reply) => {
    await deskActor(req, req.params.learnerId);
    return sendView(reply, await photos.photoView(ctx, req.params.learnerId));
  });

  // Each upload is decoded (see decode-gate.ts): a few a minute per operator is what a desk needs.
  const uploadLimit = {
    max: 20,
    timeWindow: '1 minute',
    keyGenerator: (req: FastifyRequest) => req.user?.id ?? req.ip,
  };
  app.post(
    base,
    { ...desk, config: { ...desk.config, rateLimit: uploadLimit }, schema: { ...desk.schema, multipart: uploadParts } },
    async (req, reply) => {
      const actor = await deskActor(req, req.params.learnerId);
      const file = await req.file();
      if (!file) throw new DomainError('invalid_image', { field: 'photo' });
      // Over the app's multipart limit, toBuffer throws: answered as 413 file_too_large.
      const data = await file.toBuffer();
      return sendView(reply, await photos.uploadPhoto(ctx, actor, req.params.learnerId, data));
    },
  );

  app.put(`${base}/crop`, { ...desk, schema: { ...desk.schema, body: cropBody } }, async (req, reply) => {
    const actor = await deskActor(req, req.params.learnerId);
    return sendView(reply, await photos.cropPhoto(ctx, actor, req.params.learnerId, req.body, requestLang(req)));
  });

  app.post(`${base}/save`, { ...desk, schema: { ...desk.schema, body: saveBody } }, async (req, reply) => {
    const actor = await deskActor(req, req.params.learnerId);
    const view = await photos.savePhoto(
      ctx,
      actor,
      req.params.learnerId,
      req.body.checklist,
      requestLang(req),
      req.body.overrideReason,
    );
    return sendView(reply, view);
  });

  app.delete(base, desk, async (req, reply) => {
    const actor = await deskActor(req, req.params.learnerId);
    await photos.removePhoto(ctx, actor, req.params.learnerId);
    return sendView(reply, null);
  });

  async function sendImage(reply: FastifyReply, image: { jpeg: Buffer; fileName: string }) {
    return reply
      .header('cache-control', NO_STORE)
      .header('content-disposition', `inline; filename="${image.fileName}.jpg"`)
      .type('image/jpeg')
      .send(image.jpeg);
  }

  app.get(
    `${base}/image`,
    { ...desk, schema: { ...desk.schema, querystring: imageQuery, response: jpeg } },
    async (req, reply) => {
      const actor = await deskActor(req, req.params.learnerId);
      return sendImage(reply, await photos.readPhotoImage(ctx, actor, req.params.learnerId, req.query.variant));
    },
  );

  // Administrators reach every learner's photo (for the attestation cards); each read is audited all the same.
  const admin = {
    config: { access: 'admin.manage' as const },
    schema: { params: learnerParams, response: { 200: photoReply } },
  };
  app.get('/api/admin/learners/:learnerId/photo', admin, async (req, reply) =>
    sendView(reply, await photos.photoView(ctx, req.params.learnerId)),
  );
  app.get(
    '/api/admin/learners/:learnerId/photo/image',
    { ...admin, schema: { ...admin.schema, querystring: imageQuery, response: jpeg } },
    async (req, reply) => {
      const actor = { actorId: currentUser(req).id, servicePointId: null, ip: clientIp(req) };
      return sendImage(reply, await photos.readPhotoImage(ctx, actor, req.params.learnerId, req.query.variant));
    },
  );
}
