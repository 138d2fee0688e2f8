import type { FastifyRequest } from 'fastify';

/**
 * What a request log line says about the request: its method, its path without the query, and the address it
 * came from. Never the query: it carries what people type (the desk's learner search, `?q=Tremblay`) and, from
 * pages loaded before the verification page posted it, a card's signed statement (name, training, date).
 * Bodies are never logged; the headers that carry secrets are redacted (app.ts).
 */
export const requestLogSerializers = {
  req(req: FastifyRequest) {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    return { method: req.method, url: q >= 0 ? url.slice(0, q) : url, remoteAddress: req.ip };
  },
};
