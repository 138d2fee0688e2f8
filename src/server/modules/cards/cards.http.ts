import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';

/** The address people reach: PUBLIC_URL when set, else the one this request came through. */
export function baseUrlOf(ctx: AppContext, req: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${req.protocol}://${req.host}`;
}

export function sendPdf(reply: FastifyReply, pdf: Uint8Array, fileName: string) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(pdf));
}
