import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { isOperatorOf } from '../service-points/service-points.service.js';
import { formatEvent } from './live.channel.js';
import type { LiveHub, Watcher } from './live.hub.js';

/** A client this far behind (unsent bytes) is closed; it reconnects and gets a snapshot. */
export const MAX_BUFFERED = 1024 * 1024;
/** How long the browser waits before reconnecting (EventSource's `retry`). */
const RETRY_MS = 2000;

/**
 * Takes the response over from Fastify for a server-sent-events stream (it stays open); the headers Fastify's
 * hooks prepared (helmet's) are kept. The learner's stream (learner.stream.ts) starts the same way.
 */
export function beginEventStream(req: FastifyRequest, reply: FastifyReply) {
  reply.hijack();
  const res = reply.raw;
  const headers: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(reply.getHeaders()))
    if (v !== undefined && k !== 'content-length') headers[k] = v;
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  req.raw.socket.setNoDelay(true);
  res.write(`retry: ${RETRY_MS}\n\n`);
  return res;
}

/**
 * Turns the request into a server-sent-events stream of the service point's open exams.
 */
export async function openLiveStream(
  ctx: AppContext,
  hub: LiveHub,
  req: FastifyRequest,
  reply: FastifyReply,
  watch: { servicePointId: string; sessionId: string; userId: string; lastEventId?: string },
) {
  const res = beginEventStream(req, reply);

  let closed = false;
  const w: Watcher = {
    sessionId: watch.sessionId,
    get closed() {
      return closed || res.destroyed || res.writableEnded;
    },
    write(chunk) {
      if (this.closed) return false;
      if (res.writableLength > MAX_BUFFERED) return false;
      res.write(chunk);
      return true;
    },
    close() {
      if (closed) return;
      closed = true;
      hub.unwatch(watch.servicePointId, w);
      res.end();
    },
    expire() {
      if (!this.closed) res.write(formatEvent(null, 'session_expired', {}));
      this.close();
    },
    stillAllowed: async (session) =>
      !!session?.operatorActive && (await isOperatorOf(ctx, watch.userId, watch.servicePointId)),
  };
  res.on('close', () => {
    closed = true;
    hub.unwatch(watch.servicePointId, w);
  });
  await hub.watch(watch.servicePointId, w, watch.lastEventId);
}
