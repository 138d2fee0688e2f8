/**
 * The pieces every area's replies share. These zod schemas are the server's reply schemas (the replies are
 * serialised through them) and the web's types (`import type` only: the web bundle does not carry zod).
 */
import { z } from 'zod';
import { errorCodes, type ErrorCode } from '../errors.js';

/** A text in both languages: French always, English when it was written. */
export const localizedText = z.object({ fr: z.string(), en: z.string().optional() });

/** The reply of a change that has nothing more to say. */
export const okReply = z.object({ ok: z.literal(true) });
export type OkReply = z.infer<typeof okReply>;

/** Every 4xx and 5xx body (src/server/http/errors.ts builds it; src/shared/errors.ts lists the codes). */
export const errorReply = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    field: z.string().optional(),
    requestId: z.string().optional(),
    details: z.unknown().optional(),
  }),
});

/**
 * A reply that is not JSON (a file, a stream): its media type and what it is, for the OpenAPI document.
 * Fastify does not serialise a Buffer or a stream, so the schema only documents.
 */
/** A file part of a multipart request, for the OpenAPI document (the route reads the parts itself). */
export const filePart = z.unknown().meta({ type: 'string', format: 'binary' });

export function binaryReply(mediaType: string, description: string) {
  return { description, content: { [mediaType]: { schema: z.unknown().meta({ type: 'string', format: 'binary' }) } } };
}

/** A title's two columns (`title`, `title_en`) as one localized text. */
export function localized(fr: string, en: string | null): z.infer<typeof localizedText> {
  return en ? { fr, en } : { fr };
}
