import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';

/**
 * The address people reach, from configuration only: never the request's Host header, which whoever sends
 * the request chooses (a card's QR code would then point to their site).
 */
export function baseUrlOf(ctx: AppContext): string {
  return ctx.config.publicUrl;
}

export function sendPdf(reply: FastifyReply, pdf: Uint8Array, fileName: string) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(pdf));
}
