import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { clientIp, currentUser } from '../../http/auth.js';
import { DomainError } from '../../errors.js';
import * as admin from './cards.admin.js';
import { baseUrlOf, sendPdf } from './cards.http.js';
import {
  adminCardsReply,
  adminListQuery,
  binaryReply,
  cardNumberParams,
  cardNumbersBody,
  markedReply,
  okReply,
  reissueReply,
  revokeBody,
  sheetQuery,
} from './cards.schemas.js';
import { parseCardNumber } from './card-number.js';

function cardNumberOf(input: string): string {
  const n = parseCardNumber(input);
  if (!n) throw new DomainError('card_number_invalid', { field: 'cardNumber' });
  return n;
}

/** Administrators: the print queue, the A4 sheet, printed, reissue, revoke. */
export async function adminCardRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const access = 'admin.manage' as const;

  app.get(
    '/api/admin/cards',
    { config: { access }, schema: { querystring: adminListQuery, response: { 200: adminCardsReply } } },
    async (req) => ({
      cards: await admin.listForAdmin(ctx, req.query.filter, req.query.q || null),
    }),
  );

  app.get(
    '/api/admin/cards/sheet.pdf',
    {
      config: { access },
      schema: {
        querystring: sheetQuery,
        response: { 200: binaryReply('application/pdf', 'An A4 sheet of the cards asked, to print (attachment)') },
      },
    },
    async (req, reply) => {
      const numbers = req.query.cards.split(',').filter(Boolean).map(cardNumberOf);
      if (numbers.length > admin.MAX_SHEET_CARDS)
        throw new DomainError('validation', { field: 'cards', params: { field: 'cards' } });
      const pdf = await admin.printSheet(ctx, currentUser(req).id, numbers, {
        baseUrl: baseUrlOf(ctx),
        ip: clientIp(req),
      });
      return sendPdf(reply, pdf, `cartes-a-imprimer-${ctx.now().toISOString().slice(0, 10)}.pdf`);
    },
  );

  app.post(
    '/api/admin/cards/printed',
    { config: { access }, schema: { body: cardNumbersBody, response: { 200: markedReply } } },
    async (req) => ({
      marked: await admin.markPrinted(ctx, currentUser(req).id, req.body.cardNumbers.map(cardNumberOf), clientIp(req)),
    }),
  );

  app.post(
    '/api/admin/cards/:cardNumber/reissue',
    { config: { access }, schema: { params: cardNumberParams, response: { 200: reissueReply } } },
    async (req) => admin.reissueCard(ctx, currentUser(req).id, cardNumberOf(req.params.cardNumber), clientIp(req)),
  );

  app.post(
    '/api/admin/cards/:cardNumber/revoke',
    { config: { access }, schema: { params: cardNumberParams, body: revokeBody, response: { 200: okReply } } },
    async (req) => {
      await admin.revokeCard(
        ctx,
        currentUser(req).id,
        cardNumberOf(req.params.cardNumber),
        req.body.reason,
        clientIp(req),
      );
      return { ok: true as const };
    },
  );
}
