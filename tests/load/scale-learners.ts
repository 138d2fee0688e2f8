/**
 * The learners of `npm run bench:scale`, as their exam page behaves: the push channel
 * (`GET /api/attempts/:id/events`, server-sent events, read as a raw HTTP stream) open for the whole exam and
 * reopened 2 s after it drops (EventSource's `retry`), a heartbeat every 15 s, and answers one at a time on a
 * keep-alive connection. A save that gets no answer (connection refused or reset) or a 503 is sent again,
 * same sequence number, to the next instance — what a load balancer in front of several instances does.
 * « Commencer » refused 503 or 429 is pressed again by the page itself after the reply's Retry-After (plus up to a
 * second, so a refused storm does not come back as one), as the exam page does (useAttempt.ts, `startRetryDelay`).
 */
import { request, type Agent, type ClientRequest } from 'node:http';
import { learnerCall, learnerRequest } from './load-support.js';
import type { ScaleSeat } from './scale-room.js';

export const ITEMS = [
  ['q1', ['a']],
  ['q2', ['true']],
  ['q3', ['a', 'b']],
  ['q4', ['a', 'b', 'd']],
  ['q5', ['b']],
] as const;

const RETRY_MS = 2000;

/** Absolute milliseconds (the same clock in every thread). */
export const abs = () => performance.timeOrigin + performance.now();

export interface AttemptPush {
  at: number;
  deadlineAt: string | null;
  pausedAt: string | null;
}

export class SimLearner {
  seq = 0;
  /** The highest acknowledged sequence number of each item (what must be in the database at the end). */
  readonly acked = new Map<string, number>();
  private stream: ClientRequest | null = null;
  private running = true;
  /** Instance this learner talks to now (an index in `bases`). */
  private at: number;
  /** Its « Commencer » succeeded (read from the database after the storm). */
  started = false;
  opened = false;
  streamErrors = 0;
  pushes: AttemptPush[] = [];
  onPush: ((p: AttemptPush) => void) | null = null;

  constructor(
    readonly seat: ScaleSeat,
    private readonly bases: string[],
    first: number,
    private readonly agent: Agent,
    private readonly dead: Set<number>,
  ) {
    this.at = first;
  }

  get base() {
    return this.bases[this.at]!;
  }

  /** The next instance still up (the previous one refused or dropped the connection). */
  private failOver() {
    for (let k = 1; k <= this.bases.length; k++) {
      const next = (this.at + k) % this.bases.length;
      if (!this.dead.has(next)) return void (this.at = next);
    }
  }

  /** Opens the push channel; resolves when its first `attempt` event arrived. */
  openStream(): Promise<void> {
    return new Promise((resolve) => {
      let buffer = '';
      let first = true;
      let lost = false;
      const again = (done?: () => void) => {
        if (lost) return;
        lost = true;
        this.reopen(done);
      };
      const req = request(
        `${this.base}/api/attempts/${this.seat.attemptId}/events`,
        { agent: false, headers: { accept: 'text/event-stream', cookie: this.seat.cookie } },
        (res) => {
          if (res.statusCode !== 200) {
            this.streamErrors++;
            res.resume();
            res.on('end', () => again(resolve));
            return;
          }
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let cut: number;
            while ((cut = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, cut);
              buffer = buffer.slice(cut + 2);
              if (!block.startsWith('event: attempt\n')) continue;
              const data = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as {
                deadlineAt: string | null;
                pausedAt: string | null;
              };
              const push = { at: abs(), deadlineAt: data.deadlineAt, pausedAt: data.pausedAt };
              if (first) {
                first = false;
                // A reopened stream's first event may carry what was pushed while it was down.
                if (this.opened) {
                  this.pushes.push(push);
                  this.onPush?.(push);
                }
                this.opened = true;
                resolve();
              } else {
                this.pushes.push(push);
                this.onPush?.(push);
              }
            }
          });
          res.on('close', () => again(first ? resolve : undefined));
        },
      );
      req.on('error', () => again(first ? resolve : undefined));
      req.end();
      this.stream = req;
    });
  }

  private reopen(resolve?: () => void) {
    this.stream = null;
    if (!this.running) return resolve?.();
    // The instance is gone: the balancer sends the reconnection to another.
    if (this.dead.has(this.at)) this.failOver();
    setTimeout(() => void this.openStream().then(() => resolve?.()), RETRY_MS);
  }

  /**
   * « Commencer », pressed again after a 503 or 429's Retry-After (a refused connection: at once, to the next
   * instance) until it is answered otherwise: its time (ms, the waits included), last status and the refusals.
   */
  async start(): Promise<{ ms: number; status: number; refusals: string[] }> {
    const t0 = abs();
    const refusals: string[] = [];
    for (;;) {
      const r = await learnerCall(this.agent, `${this.base}/api/attempts/${this.seat.attemptId}/start`, this.seat);
      if ((r.status !== 0 && r.status !== 503 && r.status !== 429) || !this.running)
        return { ms: abs() - t0, status: r.status, refusals };
      refusals.push(r.status === 0 ? `no answer ${r.code}` : `${r.status} ${r.code}`);
      if (r.status === 0) {
        if (this.dead.has(this.at)) this.failOver();
        await new Promise((res) => setTimeout(res, 200));
      } else await new Promise((res) => setTimeout(res, (r.retryAfterS ?? 2) * 1000 + Math.random() * 1000));
    }
  }

  /** One answer, sent again to the next instance until acknowledged; its time (ms) and whether it failed over. */
  async save(): Promise<{ ms: number; status: number; failedOver: boolean }> {
    const seq = ++this.seq;
    const [itemId, choiceIds] = ITEMS[seq % ITEMS.length]!;
    const body = JSON.stringify({ choiceIds, flagged: false, seq });
    const t0 = abs();
    let failedOver = false;
    for (;;) {
      const status = await learnerRequest(
        this.agent,
        `${this.base}/api/attempts/${this.seat.attemptId}/answers/${itemId}`,
        this.seat,
        'PUT',
        body,
      );
      if (status === 200) this.acked.set(itemId, seq);
      if ((status !== 0 && status !== 503) || !this.running) return { ms: abs() - t0, status, failedOver };
      failedOver = true;
      if (this.dead.has(this.at)) this.failOver();
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async heartbeat(): Promise<number> {
    for (;;) {
      const status = await learnerRequest(
        this.agent,
        `${this.base}/api/attempts/${this.seat.attemptId}/heartbeat`,
        this.seat,
        'POST',
        '{}',
      );
      if ((status !== 0 && status !== 503) || !this.running) return status;
      if (this.dead.has(this.at)) this.failOver();
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  close() {
    this.running = false;
    this.stream?.destroy();
  }
}
