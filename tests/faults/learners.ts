import type { Seat } from '../support/exam-room.js';

/**
 * Learners as their exam page behaves: one save in flight at most, a sequence number raised at every save,
 * a failed save (no answer, or a 5xx) sent again — after `Retry-After` when the server gives one — until it
 * is acknowledged or the retry budget runs out. Every acknowledged (2xx) save is recorded: the faults must
 * never lose one.
 */

export interface Ack {
  attemptId: string;
  itemId: string;
  seq: number;
  choiceIds: string[];
}

export interface Reply {
  /** 0: no answer (connection refused or reset, or the client's timeout). */
  status: number;
  code?: string;
  retryAfter?: string;
  body: unknown;
  ms: number;
  error?: string;
}

/** The answers that end a learner's session normally: the attempt is over (submitted, expired, …). */
const ENDED = new Set(['attempt_ended', 'deadline_passed']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request as the page's browser sends it (cookies, CSRF header), bounded by `timeoutMs`. */
export async function send(
  base: string,
  seat: Pick<Seat, 'cookie' | 'csrf'>,
  method: string,
  path: string,
  body?: unknown,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Reply> {
  const t0 = performance.now();
  const signals = [AbortSignal.timeout(opts.timeoutMs ?? 10_000), ...(opts.signal ? [opts.signal] : [])];
  try {
    const res = await fetch(base + path, {
      method,
      headers: {
        cookie: seat.cookie,
        'x-csrf-token': seat.csrf,
        'accept-language': 'fr',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return {
      status: res.status,
      code: (json as { error?: { code?: string } } | null)?.error?.code,
      retryAfter: res.headers.get('retry-after') ?? undefined,
      body: json,
      ms: performance.now() - t0,
    };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { status: 0, body: null, ms: performance.now() - t0, error: cause ?? (err as Error).name };
  }
}

/** What a page waits before sending a failed save again. */
function retryDelay(reply: Reply, attempt: number): number {
  const after = Number(reply.retryAfter);
  if (reply.retryAfter !== undefined && Number.isFinite(after)) return Math.min(Math.max(after * 1000, 100), 3000);
  return Math.min(200 * 2 ** attempt, 2000);
}

export interface ItemChoices {
  id: string;
  choices: string[];
}

export class Learner {
  /** The newest acknowledged save of each item. */
  readonly acks = new Map<string, Ack>();
  ackCount = 0;
  /** Unexpected answers (a 4xx other than the attempt's end, a save given up), for the test to show. */
  readonly problems: string[] = [];
  /** Why the session ended by itself (the attempt is over), if it did. */
  endedBy: string | undefined;
  seq = 0;
  private stopped = false;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    readonly seat: Seat,
    private readonly crowd: Crowd,
    private readonly index: number,
  ) {}

  start() {
    this.running ??= Promise.all([this.loop(), this.heartbeats()]).then(() => undefined);
    return this;
  }

  async stop() {
    this.stopped = true;
    this.abort.abort();
    await this.running;
  }

  get done() {
    return this.stopped || this.endedBy !== undefined || this.problems.length > 0;
  }

  private async loop() {
    const { items } = this.crowd;
    while (!this.stopped) {
      // A person reads, then clicks: saves are spaced, not fired back to back.
      await sleep(this.crowd.thinkMs * (0.5 + Math.random()));
      if (this.stopped) return;
      this.seq++;
      const item = items[(this.index * 7 + this.seq) % items.length]!;
      const choiceIds = [item.choices[(this.seq + this.index) % item.choices.length]!];
      if (!(await this.save(item.id, choiceIds, this.seq))) return;
    }
  }

  /** The page's heartbeat: not retried (the next one comes anyway), but its answers are tallied. */
  private async heartbeats() {
    const every = this.crowd.opts.heartbeatMs;
    if (!every) return;
    while (!this.done) {
      await sleep(every * (0.5 + Math.random()));
      await this.crowd.gate(this.abort.signal);
      if (this.done) return;
      const reply = await send(
        this.crowd.url(),
        this.seat,
        'POST',
        `/api/attempts/${this.seat.attemptId}/heartbeat`,
        {},
        { signal: this.abort.signal, timeoutMs: this.crowd.requestTimeoutMs },
      );
      if (!this.stopped) this.crowd.record('heartbeat', reply);
    }
  }

  private async save(itemId: string, choiceIds: string[], seq: number): Promise<boolean> {
    const began = Date.now();
    const path = `/api/attempts/${this.seat.attemptId}/answers/${itemId}`;
    for (let attempt = 0; ; attempt++) {
      await this.crowd.gate(this.abort.signal);
      if (this.stopped) return false;
      const reply = await send(
        this.crowd.url(),
        this.seat,
        'PUT',
        path,
        { choiceIds, flagged: false, seq },
        { signal: this.abort.signal, timeoutMs: this.crowd.requestTimeoutMs },
      );
      if (this.stopped) return false;
      this.crowd.record('save', reply);
      if (reply.status >= 200 && reply.status < 300) {
        this.acks.set(itemId, { attemptId: this.seat.attemptId, itemId, seq, choiceIds });
        this.ackCount++;
        this.crowd.acked++;
        return true;
      }
      if (reply.status === 0 || reply.status >= 500) {
        if (Date.now() - began > this.crowd.retryBudgetMs) {
          this.problems.push(`save seq ${seq} given up after ${Date.now() - began} ms: ${describe(reply)}`);
          return false;
        }
        await sleep(retryDelay(reply, attempt));
        continue;
      }
      if (reply.code && ENDED.has(reply.code)) {
        this.endedBy = reply.code;
        return false;
      }
      this.problems.push(`save seq ${seq}: ${describe(reply)}`);
      return false;
    }
  }
}

export function describe(r: Reply): string {
  if (r.status === 0) return `no answer (${r.error}) after ${Math.round(r.ms)} ms`;
  return `${r.status} ${r.code ?? JSON.stringify(r.body).slice(0, 200)}${r.retryAfter ? ` Retry-After ${r.retryAfter}` : ''}`;
}

/** A room of learners saving against one server URL (which a restart may change), with shared tallies. */
export class Crowd {
  readonly learners: Learner[];
  acked = 0;
  /** How many replies of each kind: `save 503 database_busy retry-after`, `save 0 ECONNREFUSED`, … */
  readonly tally = new Map<string, number>();
  /** The first few replies of each 5xx kind, whole, for the test's messages. */
  readonly samples: Reply[] = [];
  private paused: Promise<void> | null = null;
  private resumeFn: (() => void) | null = null;

  constructor(
    seats: Seat[],
    readonly items: ItemChoices[],
    public url: () => string,
    readonly opts: { thinkMs?: number; retryBudgetMs?: number; requestTimeoutMs?: number; heartbeatMs?: number } = {},
  ) {
    this.learners = seats.map((s, i) => new Learner(s, this, i));
  }

  get thinkMs() {
    return this.opts.thinkMs ?? 150;
  }
  get retryBudgetMs() {
    return this.opts.retryBudgetMs ?? 45_000;
  }
  get requestTimeoutMs() {
    return this.opts.requestTimeoutMs ?? 10_000;
  }

  start() {
    for (const l of this.learners) l.start();
    return this;
  }

  async stop() {
    this.resume();
    await Promise.all(this.learners.map((l) => l.stop()));
  }

  /** Pages wait before their next request (the network is gone, as far as they know). */
  pause() {
    this.paused ??= new Promise((r) => (this.resumeFn = r));
  }

  resume() {
    this.resumeFn?.();
    this.paused = null;
    this.resumeFn = null;
  }

  /** Resolves when the pages may send again, or when `signal` (a page closing) aborts. */
  gate(signal: AbortSignal): Promise<void> {
    if (!this.paused || signal.aborted) return Promise.resolve();
    return Promise.race([
      this.paused,
      new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
    ]);
  }

  record(what: string, r: Reply) {
    const key =
      r.status === 0
        ? `${what} no-answer`
        : `${what} ${r.status}${r.status >= 300 ? ` ${r.code ?? '?'}` : ''}${r.status >= 500 && r.retryAfter ? ' +Retry-After' : ''}`;
    this.tally.set(key, (this.tally.get(key) ?? 0) + 1);
    if (r.status >= 500 && this.samples.filter((s) => s.status === r.status && s.code === r.code).length < 2)
      this.samples.push(r);
  }

  count(pred: (key: string) => boolean) {
    let n = 0;
    for (const [k, v] of this.tally) if (pred(k)) n += v;
    return n;
  }

  /**
   * Server errors that are not a 503 with Retry-After (what a page can act on): a 500 hides what happened,
   * a 503 without Retry-After leaves the page guessing.
   */
  badServerErrors(): string[] {
    return [...this.tally]
      .filter(([k]) => / 5\d\d/.test(k) && !/ 503 \S+ \+Retry-After$/.test(k))
      .map(([k, v]) => `${k}: ${v}`);
  }

  /** Every acknowledged save, newest per attempt and item. */
  acks(): Ack[] {
    return this.learners.flatMap((l) => [...l.acks.values()]);
  }

  problems(): string[] {
    return this.learners.flatMap((l) => l.problems.map((p) => `${l.seat.attemptId}: ${p}`));
  }

  /** Waits (bounded) until `n` more saves than now are acknowledged; false when they were not. */
  async progress(n: number, withinMs: number): Promise<boolean> {
    const target = this.acked + n;
    const until = Date.now() + withinMs;
    while (this.acked < target) {
      if (Date.now() > until) return false;
      await sleep(50);
    }
    return true;
  }

  summary(): string {
    return [...this.tally]
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
  }
}
