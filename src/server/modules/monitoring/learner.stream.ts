import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { AttemptSignal } from '../../../shared/live.js';
import { attemptSignal } from '../attempts/signal.js';
import { formatEvent } from './live.channel.js';
import type { AttemptWatcher, LiveHub } from './live.hub.js';
import { beginEventStream, MAX_BUFFERED } from './live.stream.js';

/**
 * The learner's exam page listening to its own attempt: one `attempt` event when the stream opens, then one
 * whenever its state, deadline or pause changes (the operator ended, paused, resumed it or added time; the
 * server expired it). The
 * hub tells the stream "this attempt changed" from any instance; the stream reads the attempt and sends it if
 * it differs from what it sent last. The page's heartbeat stays as the fallback.
 */
export async function openAttemptStream(
  ctx: AppContext,
  hub: LiveHub,
  req: FastifyRequest,
  reply: FastifyReply,
  watch: { attemptId: string; sessionId: string; userId: string },
) {
  // Someone else's attempt, or none: the same 404, before the stream opens.
  await attemptSignal(ctx, watch.attemptId, watch.userId);
  const res = beginEventStream(req, reply);

  let closed = false;
  let lastSent = '';
  let reading = false;
  let readAgain = false;
  const keyOf = (signal: AttemptSignal) => `${signal.state} ${signal.deadlineAt} ${signal.pausedAt}`;
  const send = async () => {
    do {
      readAgain = false;
      // The attempt row alone (ownership was checked when the stream opened), with the other pages told in the
      // same turn (a room's pause): a pushed event costs a share of one light read.
      const signal = await hub.signals.read(watch);
      if (signal && keyOf(signal) !== lastSent && w.write(formatEvent(null, 'attempt', signal)))
        lastSent = keyOf(signal);
    } while (readAgain && !w.closed);
  };
  const w: AttemptWatcher = {
    sessionId: watch.sessionId,
    attemptId: watch.attemptId,
    userId: watch.userId,
    get closed() {
      return closed || res.destroyed || res.writableEnded;
    },
    write(chunk) {
      if (this.closed) return false;
      if (res.writableLength > MAX_BUFFERED) return false;
      res.write(chunk);
      return true;
    },
    changed() {
      if (this.closed) return;
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      send()
        .catch((err: unknown) => ctx.log.warn({ err, attemptId: watch.attemptId }, 'learner stream: read failed'))
        .finally(() => (reading = false));
    },
    compare(signal) {
      if (keyOf(signal) !== lastSent) this.changed();
    },
    close() {
      if (closed) return;
      closed = true;
      hub.unwatchAttempt(watch.attemptId, w);
      res.end();
    },
    expire() {
      if (!this.closed) res.write(formatEvent(null, 'session_expired', {}));
      this.close();
    },
    stillAllowed: (session) => !!session?.active,
  };
  res.on('close', () => {
    closed = true;
    hub.unwatchAttempt(watch.attemptId, w);
  });
  // Watching first, then reading: a change made between the two cannot be missed.
  hub.watchAttempt(watch.attemptId, w);
  w.changed();
}
