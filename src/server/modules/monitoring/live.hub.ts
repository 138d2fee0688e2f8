import type { AppContext } from '../../context.js';
import type { DomainEvent } from '../../events.js';
import { Channel, type Subscriber } from './live.channel.js';
import type { AttemptSignal } from '../../../shared/live.js';
import { SignalReads, signalsOf } from './learner.signals.js';
import { PgRelay, type Change } from './live.relay.js';
import { openRowsAtMany } from './live.rows.js';
import { sessionStandings, type SessionStanding } from '../accounts/sessions.service.js';

/** A comment line every so often keeps proxies from closing a quiet stream and finds dead clients. */
const PING_MS = 15_000;
/** Channels compare themselves with the database this often (a safety net under the events). */
const RECONCILE_MS = 30_000;
/** A channel nobody watches is kept this long, so a client reconnecting soon can still resume. */
const GRACE_MS = 120_000;
/** Lists compared per query (reconcileAll): 25 service points of 20 exams, about 500 rows. */
const POINTS_PER_COMPARISON = 25;
/** Each subscriber's session is checked this often; a stream closes when its session has ended. */
const SESSION_CHECK_MS = 60_000;
/** Streams one session may hold at once (a few tabs); the oldest is closed beyond. */
const STREAMS_PER_SESSION = 6;

export interface Watcher extends Subscriber {
  sessionId: string;
  /**
   * Whether the stream may go on, given its session's standing as just read (undefined: the session is gone):
   * a learner's while it is active; an operator's while it is not idle either and they still run the point.
   */
  stillAllowed(session: SessionStanding | undefined): boolean | Promise<boolean>;
  /** Tells the client its session ended, and closes. */
  expire(): void;
}

/** A learner's exam page listening to its own attempt (learner.stream.ts). */
export interface AttemptWatcher extends Watcher {
  readonly attemptId: string;
  /** The learner whose attempt it is (checked when the stream opened). */
  readonly userId: string;
  /** The attempt changed in a way its learner must hear (ended, paused, time added…): read it and send it. */
  changed(): void;
  /**
   * The periodic comparison read the attempt (with every other watched one, in one query): when it differs
   * from what was sent last, the stream reads it again and sends it (`changed`) — the batch's read may be older
   * than a change sent meanwhile, and a page never goes back in time.
   */
  compare(signal: AttemptSignal): void;
}

/**
 * Whether the learner's own page must hear of this event: what the operator or the server did to the attempt
 * (ended, paused, resumed, time added…), not its own saves and heartbeats, which it already knows. Exhaustive:
 * a new event type must say.
 */
export function learnerHears(e: DomainEvent): boolean {
  switch (e.type) {
    case 'attempt.answer_saved':
    case 'attempt.heartbeat':
      return false;
    case 'attempt.authorized':
    case 'attempt.cancelled':
    case 'attempt.started':
    case 'attempt.clock_changed':
    case 'attempt.ended':
      return true;
  }
}

/**
 * The fan-out of domain events per service point, on this instance. Local events arrive from the app's
 * event bus; on PostgreSQL, the other instances' through LISTEN/NOTIFY (live.relay.ts). A client only
 * ever subscribes to one service point, its operator's, so it only receives that point's events.
 */
export class LiveHub {
  private readonly channels = new Map<string, Channel>();
  private readonly bySession = new Map<string, Watcher[]>();
  /** Learners' pages, by attempt: told at once when their attempt changes, on any instance. */
  private readonly byAttempt = new Map<string, Set<AttemptWatcher>>();
  private relay: PgRelay | null = null;
  private stopBus: (() => void) | null = null;
  private timers: NodeJS.Timeout[] = [];
  /** The learners' pages' reads of their attempt, those of one turn in one query. */
  readonly signals: SignalReads;

  constructor(private readonly ctx: AppContext) {
    this.signals = new SignalReads(ctx);
  }

  async start() {
    const { ctx } = this;
    this.stopBus = ctx.events.subscribe((e) => this.local(e));
    if (ctx.dbKind === 'postgres' && ctx.databaseUrl) {
      this.relay = new PgRelay(
        ctx,
        ctx.databaseUrl,
        (changes) => this.deliver(changes),
        () => void this.reconcileAll(),
      );
      await this.relay.start();
      ctx.log.info(
        { channel: 'vigie_live' },
        'live monitoring: events shared with every instance on this PostgreSQL database (LISTEN/NOTIFY)',
      );
    } else {
      ctx.log.info('live monitoring: events stay in this process — SQLite runs as a single instance');
    }
    let tick = 0;
    this.timers.push(
      setInterval(() => {
        tick++;
        this.ping();
        if ((tick * PING_MS) % RECONCILE_MS === 0) void this.reconcileAll();
        if ((tick * PING_MS) % SESSION_CHECK_MS === 0) void this.checkSessions();
      }, PING_MS),
    );
    for (const t of this.timers) t.unref();
  }

  private local(e: DomainEvent) {
    const change: Change = [e.servicePointId, e.attemptId, learnerHears(e) ? 1 : 0];
    if (e.type === 'attempt.heartbeat') change.push(e.at);
    this.deliver([change]);
    this.relay?.forward(change);
  }

  private deliver(changes: Change[]) {
    for (const [sp, attemptId, hears, seenAt] of changes) {
      const ch = this.channels.get(sp);
      if (typeof seenAt === 'string') ch?.seen(attemptId, seenAt);
      else ch?.changed(attemptId);
      if (hears !== 0) for (const w of this.byAttempt.get(attemptId) ?? []) w.changed();
    }
  }

  private channel(servicePointId: string): Channel {
    let ch = this.channels.get(servicePointId);
    if (!ch) {
      ch = new Channel(this.ctx, servicePointId);
      this.channels.set(servicePointId, ch);
    }
    return ch;
  }

  /** A stream starts watching a service point, resuming after `lastEventId` when it can. */
  async watch(servicePointId: string, w: Watcher, lastEventId?: string): Promise<void> {
    if (this.closing) return w.close();
    const ch = this.channel(servicePointId);
    this.keepPerSession(w);
    try {
      await ch.subscribe(w, lastEventId);
      // The server began to stop while this stream was reading its snapshot: it closes too.
      if (this.closing) w.close();
    } catch (err) {
      // Nothing could be read: the client tries again after its retry delay.
      this.ctx.log.error({ err, servicePointId }, 'live monitoring: subscription failed');
      w.close();
    }
  }

  /** A learner's page starts listening to its attempt (ownership checked by the caller). */
  watchAttempt(attemptId: string, w: AttemptWatcher): void {
    if (this.closing) return w.close();
    this.keepPerSession(w);
    let set = this.byAttempt.get(attemptId);
    if (!set) this.byAttempt.set(attemptId, (set = new Set()));
    set.add(w);
  }

  /** A learner's stream closed. */
  unwatchAttempt(attemptId: string, w: AttemptWatcher) {
    const set = this.byAttempt.get(attemptId);
    set?.delete(w);
    if (set?.size === 0) this.byAttempt.delete(attemptId);
    this.forgetSession(w);
  }

  private keepPerSession(w: Watcher) {
    const mine = [...(this.bySession.get(w.sessionId) ?? []), w];
    while (mine.length > STREAMS_PER_SESSION) mine.shift()!.close();
    this.bySession.set(w.sessionId, mine);
  }

  private forgetSession(w: Watcher) {
    const rest = (this.bySession.get(w.sessionId) ?? []).filter((x) => x !== w);
    if (rest.length) this.bySession.set(w.sessionId, rest);
    else this.bySession.delete(w.sessionId);
  }

  /** A stream closed (the client left, or was closed). */
  unwatch(servicePointId: string, w: Watcher) {
    this.channels.get(servicePointId)?.unsubscribe(w);
    this.forgetSession(w);
  }

  private ping() {
    const now = Date.now();
    for (const [sp, ch] of this.channels) {
      for (const s of ch.subscribers) if (!s.write(': ping\n\n')) s.close();
      ch.trimReplay();
      if (ch.subscribers.size === 0 && ch.idleSince !== null && now - ch.idleSince > GRACE_MS) this.channels.delete(sp);
    }
    for (const set of this.byAttempt.values()) for (const w of [...set]) if (!w.write(': ping\n\n')) w.close();
  }

  /** Set while a comparison runs: a slow one is not overlapped by the next. */
  private reconciling = false;

  /**
   * Every watched list compared with the database, then every learner's page. The lists' rows are read for
   * POINTS_PER_COMPARISON service points at a time, one query after another: 100 lists each reading its own at
   * once took every connection of the pool every 30 s, and the saves arriving then waited behind them.
   */
  private async reconcileAll() {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      const watched = [...this.channels.values()].filter((ch) => ch.subscribers.size > 0);
      for (let i = 0; i < watched.length; i += POINTS_PER_COMPARISON) {
        const chunk = watched.slice(i, i + POINTS_PER_COMPARISON);
        const rows = await openRowsAtMany(
          this.ctx,
          chunk.map((ch) => ch.servicePointId),
        );
        for (const ch of chunk) ch.compare(rows.get(ch.servicePointId) ?? []);
      }
    } catch (err) {
      // The next comparison tries again.
      this.ctx.log.warn({ err }, 'live monitoring: comparing the lists failed');
    } finally {
      this.reconciling = false;
    }
    // A learner's page compares too: an event lost with a database connection is caught up here.
    await this.reconcileLearners();
  }

  /**
   * Every learner's page compared with its attempt: one query per 500 attempts (not one per page — 2,000 at once
   * every 30 s at 2,000 learners, the full attempt read each time), then a read of its own only where it differs.
   */
  private async reconcileLearners() {
    const watched: { attemptId: string; userId: string }[] = [];
    for (const [attemptId, set] of this.byAttempt) {
      const w = set.values().next().value;
      if (w) watched.push({ attemptId, userId: w.userId });
    }
    if (watched.length === 0) return;
    try {
      const signals = await signalsOf(this.ctx, watched);
      for (const [attemptId, signal] of signals) for (const w of this.byAttempt.get(attemptId) ?? []) w.compare(signal);
    } catch (err) {
      // The next comparison tries again; the page's heartbeat is the fallback meanwhile.
      this.ctx.log.warn({ err }, 'live monitoring: comparing the learners’ pages failed');
    }
  }

  /** Every stream's session, read in one query per 500 sessions; a stream whose session ended is told, and closed. */
  private async checkSessions() {
    if (this.bySession.size === 0) return;
    try {
      const standings = await sessionStandings(this.ctx, [...this.bySession.keys()]);
      for (const w of [...this.bySession.values()].flat())
        if (!(await w.stillAllowed(standings.get(w.sessionId)))) w.expire();
    } catch (err) {
      // The next check tries again.
      this.ctx.log.warn({ err }, 'live monitoring: session check failed');
    }
  }

  /** Closes every stream (the server is shutting down: clients reconnect to another instance). */
  closeAll() {
    this.closing = true;
    for (const ch of this.channels.values()) for (const s of [...ch.subscribers]) s.close();
    for (const w of [...this.bySession.values()].flat()) w.close();
  }

  /** Set by closeAll: a stream that starts, or finishes starting, afterwards is closed at once. */
  private closing = false;

  async stop() {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.stopBus?.();
    this.closeAll();
    await this.relay?.stop();
  }

  /** Waits until every channel has sent what it was told so far (tests). */
  async settled(servicePointId: string) {
    await new Promise((r) => setImmediate(r));
    await this.channels.get(servicePointId)?.settled();
  }

  /** Runs one reconciliation (the learners' pages included) and one session check now (tests). */
  async maintainNow() {
    await Promise.all([...this.channels.values()].map((c) => c.reconcile()));
    await this.reconcileLearners();
    await this.checkSessions();
  }
}

const hubs = new WeakMap<AppContext, LiveHub>();

export async function startLiveHub(ctx: AppContext): Promise<LiveHub> {
  const hub = new LiveHub(ctx);
  hubs.set(ctx, hub);
  await hub.start();
  return hub;
}

export function liveHubOf(ctx: AppContext): LiveHub | undefined {
  return hubs.get(ctx);
}
