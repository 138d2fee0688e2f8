import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { AppContext } from '../../context.js';

/** The PostgreSQL channel every instance of the app listens on. */
export const NOTIFY_CHANNEL = 'vigie_live';

/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7000;

/** One domain event as it crosses instances: which attempt, at which service point. */
/**
 * "This attempt changed". The third element says whether the learner's own page must hear of it (an ending, a
 * pause, time added): 0 for the learner's own saves and heartbeats, which only the operators' lists show. A
 * change from an instance that predates it has no third element and is heard. The fourth, on a heartbeat only, is
 * the time it wrote: a list moves the row's « last seen » on without reading the attempt (an instance that
 * predates it reads it, as for any change).
 */
export type Change = [servicePointId: string, attemptId: string, learnerHears?: 0 | 1, seenAt?: string];

interface Wire {
  /** The sending instance: it delivered its own events already. */
  o: string;
  e: Change[];
}

/**
 * Carries "attempt X at service point Y changed" between app instances sharing one PostgreSQL database:
 * each instance NOTIFYs its own domain events (batched per turn of the event loop, after they committed) and
 * LISTENs, on a client of its own, to the others'. A notification is delivered at its commit, to every
 * listening session, in commit order. While the listening client is down (a database restart) events
 * may be missed: once it is back, `onResync` lets every channel compare itself with the database.
 */
export class PgRelay {
  readonly origin = randomBytes(9).toString('base64url');
  private client: pg.Client | null = null;
  private stopped = false;
  private pending: Change[] = [];
  private sending = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly url: string,
    private readonly onRemote: (changes: Change[]) => void,
    private readonly onResync: () => void,
  ) {}

  async start(): Promise<void> {
    try {
      this.client = await this.connect();
    } catch (err) {
      this.ctx.log.warn({ err }, 'live monitoring: cannot LISTEN yet; retrying');
      this.scheduleReconnect();
    }
  }

  private async connect(): Promise<pg.Client> {
    // NOTIFYs go out on this client too: none waits without an end on a server that vanished (query_timeout).
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'vigie-live',
      keepAlive: true,
      query_timeout: 10_000,
    });
    const lost = (err?: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      if (this.stopped) return;
      this.ctx.log.warn(
        { reason: (err as Error | undefined)?.message },
        'live monitoring: PostgreSQL listener lost; reconnecting',
      );
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (msg) => {
      if (msg.channel === NOTIFY_CHANNEL && msg.payload) this.receive(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (err) {
      void client.end().catch(() => undefined);
      throw err;
    }
    return client;
  }

  private scheduleReconnect() {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect().then(
        (client) => {
          if (this.stopped) return void client.end().catch(() => undefined);
          this.client = client;
          this.retryMs = 500;
          this.ctx.log.info('live monitoring: PostgreSQL listener back');
          this.onResync();
        },
        () => {
          this.retryMs = Math.min(this.retryMs * 2, 10_000);
          this.scheduleReconnect();
        },
      );
    }, this.retryMs);
    this.retryTimer.unref();
  }

  private receive(payload: string) {
    let wire: Wire;
    try {
      wire = JSON.parse(payload) as Wire;
    } catch {
      return;
    }
    if (wire.o !== this.origin && Array.isArray(wire.e)) this.onRemote(wire.e);
  }

  /**
   * Tells the other instances (after commit). One NOTIFY at a time: what happens while one is on its way
   * goes in the next, so under load the sends batch themselves.
   */
  forward(change: Change) {
    this.pending.push(change);
    if (this.sending) return;
    this.sending = true;
    setImmediate(() => void this.send());
  }

  private async send() {
    while (this.pending.length > 0 && !this.stopped) {
      // One change per attempt; heard by its learner if any of its changes is.
      const seen = new Map<string, Change>();
      for (const [sp, a, hears] of this.pending) {
        const k = `${sp}\u0000${a}`;
        const before = seen.get(k);
        if (!before || (hears === 1 && before[2] === 0)) seen.set(k, [sp, a, hears ?? 1]);
      }
      const changes = [...seen.values()];
      this.pending = [];
      for (const payload of payloads(this.origin, changes)) {
        try {
          await this.notify(payload);
        } catch (err) {
          // The other instances catch up at their next reconciliation.
          this.ctx.log.warn({ err }, 'live monitoring: NOTIFY failed');
        }
      }
    }
    this.sending = false;
  }

  /**
   * On the listening client while it is up: it is idle otherwise, and a NOTIFY through the pool waited behind
   * the saves for one of its connections — under a start storm past `DB_CONNECTION_WAIT_MS`, and the events
   * were lost until the next comparison (30 s). Through the pool while the listener reconnects (a send never
   * waits for a reconnection), or when the listener fails under it.
   */
  private async notify(payload: string) {
    const client = this.client;
    if (client) {
      try {
        await client.query('select pg_notify($1, $2)', [NOTIFY_CHANNEL, payload]);
        return;
      } catch {
        // The listener went down meanwhile: the pool sends it.
      }
    }
    await sql`select pg_notify(${NOTIFY_CHANNEL}, ${payload})`.execute(this.ctx.db);
  }

  async stop() {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/** Splits changes into NOTIFY payloads under the size limit. */
export function payloads(origin: string, changes: Change[]): string[] {
  const out: string[] = [];
  let batch: Change[] = [];
  let size = 0;
  for (const c of changes) {
    const add = c[0].length + c[1].length + 10;
    if (batch.length > 0 && size + add > MAX_PAYLOAD) {
      out.push(JSON.stringify({ o: origin, e: batch } satisfies Wire));
      batch = [];
      size = 0;
    }
    batch.push(c);
    size += add;
  }
  if (batch.length > 0) out.push(JSON.stringify({ o: origin, e: batch } satisfies Wire));
  return out;
}
