import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { notFound } from '../../errors.js';
import { adminCardRoutes } from './cards.admin.routes.js';
import { baseUrlOf, sendPdf } from './cards.http.js';
import {
  binaryReply,
  cardKeyReply,
  cardNumberParams,
  myCardsReply,
  verifyBody,
  verifyQuery,
  verifyReply,
} from './cards.schemas.js';
import { parseCardNumber } from './card-number.js';
import * as cards from './cards.service.js';
import { verifyCard } from './cards.verify.js';
import { cardKeys } from './signing-key.js';

const pdf = binaryReply('application/pdf', 'The card, printable (attachment)');

export async function cardsRoutes(fastify: FastifyInstance, ctx: AppContext) {
  // Generated on first start (DATA_DIR/card-signing.key), so the public key is published from the start.
  const keys = cardKeys(ctx.config);
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Public keys: any verifier (another site's page, an app) may fetch them.
  const published = { 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' };
  app.get(
    '/.well-known/vigie-card-key',
    { config: { access: 'public' }, schema: { response: { 200: cardKeyReply } } },
    async (_req, reply) => reply.headers(published).send(keys.jwk),
  );
  app.get(
    '/.well-known/vigie-card-key.pem',
    {
      config: { access: 'public' },
      schema: { response: { 200: binaryReply('application/x-pem-file', 'The same public key, PEM (SPKI)') } },
    },
    async (_req, reply) => reply.type('application/x-pem-file').headers(published).send(keys.pem),
  );

  app.get(
    '/api/learning/cards',
    { config: { access: 'learning.self' }, schema: { response: { 200: myCardsReply } } },
    async (req) => ({
      cards: await cards.myCards(ctx, currentUser(req).id),
    }),
  );

  app.get(
    '/api/learning/cards/:cardNumber.pdf',
    {
      config: { access: 'learning.self', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { params: cardNumberParams, response: { 200: pdf } },
    },
    async (req, reply) => {
      const cardNumber = parseCardNumber(req.params.cardNumber);
      if (!cardNumber) throw notFound();
      const pdf = await cards.myCardPdf(ctx, currentUser(req).id, cardNumber, {
        baseUrl: baseUrlOf(ctx),
        ip: clientIp(req),
      });
      return sendPdf(reply, pdf, `carte-${cardNumber}.pdf`);
    },
  );

  app.get(
    '/api/verify/:cardNumber',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { params: cardNumberParams, querystring: verifyQuery, response: { 200: verifyReply } },
    },
    async (req, reply) => {
      const result = await verifyCard(ctx, req.params.cardNumber, {
        statement: req.query.s,
        actor: req.actor,
        ip: clientIp(req),
      });
      return reply.header('cache-control', 'no-store').send(result);
    },
  );

  // The verification page posts the QR code's statement: a body is never in the request log, an address is.
  app.post(
    '/api/verify/:cardNumber',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { params: cardNumberParams, body: verifyBody, response: { 200: verifyReply } },
    },
    async (req, reply) => {
      const result = await verifyCard(ctx, req.params.cardNumber, {
        statement: req.body.statement,
        actor: req.actor,
        ip: clientIp(req),
      });
      return reply.header('cache-control', 'no-store').send(result);
    },
  );

  await adminCardRoutes(app, ctx);
}
