import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { LiveRow, LiveRowChanged, LiveRowRemoved, LiveSnapshot } from '../../../shared/live.js';
import { isOpen } from '../../../shared/attempt-states.js';
import { ReplayBuffer } from './live.replay.js';
import { openRowsAt, recordsOf, toLiveRow } from './live.rows.js';

/** Someone watching a service point's exams: one server-sent-events response. */
export interface Subscriber {
  /** Writes one formatted event; false when the client has fallen too far behind (it is then closed). */
  write(chunk: string): boolean;
  close(): void;
  readonly closed: boolean;
}

/** The shortest time between two sends of a channel (see scheduleFlush). */
const FLUSH_EVERY_MS = 50;

/** Two rows of the same attempt differ only in what changes while it runs. */
function sameRow(a: LiveRow, b: LiveRow): boolean {
  return (
    a.state === b.state &&
    a.lastSeq === b.lastSeq &&
    a.answered === b.answered &&
    a.lastAnswerAt === b.lastAnswerAt &&
    a.lastSeenAt === b.lastSeenAt &&
    a.deadlineAt === b.deadlineAt &&
    a.pausedAt === b.pausedAt &&
    a.questionCount === b.questionCount &&
    a.startedAt === b.startedAt &&
    a.workstation === b.workstation &&
    a.learnerName === b.learnerName
  );
}

export function formatEvent(id: string | null, event: string, data: unknown): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The live view of one service point on this instance: the open exams as last sent, the recent events
 * (for resuming), and the subscribers. Domain events only say "attempt X changed"; the channel reads the
 * attempt (batched: one query for everything that changed meanwhile) and sends its row, or its removal.
 * Every read and send runs in one queue, so a subscriber joining gets its snapshot or replay between two
 * sends, never in the middle of one, and rows never go back in time.
 *
 * Event ids are `<epoch>-<n>`: the epoch is this channel's (a new channel, after a restart or on another
 * instance, has another), so an id from elsewhere cannot be resumed and gets a full snapshot instead.
 */
export class Channel {
  readonly epoch = randomBytes(6).toString('base64url');
  readonly subscribers = new Set<Subscriber>();
  /** When the last subscriber left (the channel is dropped after a grace period). */
  idleSince: number | null = Date.now();
  private seq = 0;
  /** Recent events, for a list reconnecting with `Last-Event-ID` (bounded by count and age: live.replay.ts). */
  private readonly replay = new ReplayBuffer();
  private readonly rows = new Map<string, LiveRow>();
  private loaded = false;
  private readonly dirty = new Set<string>();
  /** Heartbeats since the last flush: the latest time each attempt was seen (applied without a read). */
  private readonly seenAt = new Map<string, string>();
  private flushQueued = false;
  private lastFlushAt = 0;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: AppContext,
    readonly servicePointId: string,
  ) {
    void this.enqueue(() => this.load());
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(task);
    this.work = run.catch((err: unknown) =>
      this.ctx.log.error({ err, servicePointId: this.servicePointId }, 'live monitoring: channel task failed'),
    );
    return run;
  }

  private async load() {
    const rows = await openRowsAt(this.ctx, this.servicePointId);
    this.rows.clear();
    for (const r of rows) this.rows.set(r.attemptId, r);
    this.loaded = true;
  }

  /** A domain event named this attempt: its row is read and sent at the next flush. */
  changed(attemptId: string) {
    this.dirty.add(attemptId);
    this.scheduleFlush();
  }

  /**
   * A heartbeat of this attempt, written at `at` (it was in progress, at its workstation): its row's « last seen »
   * moves on at the next flush without reading the attempt — 2,000 learners beat 133 times a second, each beat
   * was one more read. An attempt the list does not hold as in progress is read, as for any change.
   */
  seen(attemptId: string, at: string) {
    this.keepSeen(attemptId, at);
    this.scheduleFlush();
  }

  private keepSeen(attemptId: string, at: string) {
    const before = this.seenAt.get(attemptId);
    if (!before || before < at) this.seenAt.set(attemptId, at);
  }

  /**
   * A quiet room is sent each change at once; a busy one at most every FLUSH_EVERY_MS, each send carrying
   * everything that changed since: one query and one write per subscriber instead of one per answer.
   */
  private scheduleFlush(delayMs = 0) {
    if (this.flushQueued) return;
    this.flushQueued = true;
    const wait = Math.max(delayMs, this.lastFlushAt + FLUSH_EVERY_MS - Date.now());
    const go = () => void this.enqueue(() => this.flush());
    if (wait <= 0) setImmediate(go);
    else setTimeout(go, wait).unref();
  }

  private async flush() {
    this.flushQueued = false;
    this.lastFlushAt = Date.now();
    // A heartbeat moves an in-progress row's « last seen » on; any other, or one the list lacks, is read.
    const beats: [string, string][] = [];
    for (const [id, at] of this.seenAt) {
      if (this.loaded && !this.dirty.has(id) && this.rows.get(id)?.state === 'in_progress') beats.push([id, at]);
      else this.dirty.add(id);
    }
    this.seenAt.clear();
    const ids = [...this.dirty];
    this.dirty.clear();
    if (ids.length === 0 && beats.length === 0) return;
    let records;
    try {
      records = ids.length > 0 ? await recordsOf(this.ctx, this.servicePointId, ids) : [];
    } catch (err) {
      // The database is unavailable: try again shortly, nothing is lost.
      for (const id of ids) this.dirty.add(id);
      for (const [id, at] of beats) this.keepSeen(id, at);
      this.scheduleFlush(1000);
      throw err;
    }
    const byId = new Map(records.map((r) => [r.id, r]));
    const serverNow = this.ctx.now().toISOString();
    const out: string[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      const before = this.rows.get(id);
      if (r && isOpen(r.state)) {
        const row = toLiveRow(r);
        if (before && sameRow(before, row)) continue;
        this.rows.set(id, row);
        out.push(this.record('row', { serverNow, row } satisfies LiveRowChanged));
      } else if (before) {
        this.rows.delete(id);
        out.push(
          this.record('removed', {
            serverNow,
            attemptId: id,
            learnerId: before.learnerId,
            state: r?.state ?? 'cancelled',
          } satisfies LiveRowRemoved),
        );
      }
    }
    for (const [id, at] of beats) {
      const before = this.rows.get(id);
      if (!before || (before.lastSeenAt !== null && before.lastSeenAt >= at)) continue;
      const row = { ...before, lastSeenAt: at };
      this.rows.set(id, row);
      out.push(this.record('row', { serverNow, row } satisfies LiveRowChanged));
    }
    this.broadcast(out);
  }

  /** Numbers an event and keeps it for resuming; returns it formatted. */
  private record(event: string, data: unknown): string {
    const seq = ++this.seq;
    const chunk = formatEvent(`${this.epoch}-${seq}`, event, data);
    this.replay.push(seq, chunk);
    return chunk;
  }

  /** Sends what one flush produced in one write per subscriber (under load a flush carries many rows). */
  private broadcast(chunks: string[]) {
    if (chunks.length === 0) return;
    const text = chunks.join('');
    for (const s of this.subscribers) if (!s.write(text)) s.close();
  }

  /** The sequence number to replay after, when `lastEventId` is this channel's and still held; else null. */
  private resumePoint(lastEventId: string | undefined): number | null {
    const m = lastEventId ? /^([\w-]+)-(\d+)$/.exec(lastEventId) : null;
    if (!m || m[1] !== this.epoch) return null;
    const n = Number(m[2]);
    if (n > this.seq) return null;
    const oldest = this.replay.oldest ?? this.seq + 1;
    return n + 1 >= oldest || n === this.seq ? n : null;
  }

  /**
   * A new subscriber: the events it missed when it can resume from `lastEventId`, otherwise every open exam
   * as they stand (a full refresh); then every event from here on.
   */
  subscribe(sub: Subscriber, lastEventId?: string): Promise<void> {
    this.idleSince = null;
    return this.enqueue(async () => {
      if (sub.closed) return;
      if (!this.loaded) await this.load();
      const from = this.resumePoint(lastEventId);
      if (from !== null) {
        const missed = this.replay.after(from);
        if (missed.length > 0 && !sub.write(missed.join(''))) return sub.close();
      } else {
        const snapshot: LiveSnapshot = { serverNow: this.ctx.now().toISOString(), rows: [...this.rows.values()] };
        if (!sub.write(formatEvent(`${this.epoch}-${this.seq}`, 'snapshot', snapshot))) return sub.close();
      }
      this.subscribers.add(sub);
    });
  }

  unsubscribe(sub: Subscriber) {
    this.subscribers.delete(sub);
    if (this.subscribers.size === 0) this.idleSince = Date.now();
  }

  /**
   * Compares what was sent with the database's rows, read by the caller (perhaps before a send of this channel):
   * each row that differs, appears or is gone is read again at the next flush, in this channel's queue. A
   * comparison never sends a row itself, so a row read before a send never takes the list back in time.
   */
  compare(now: LiveRow[]) {
    if (!this.loaded) return;
    const seen = new Set<string>();
    for (const row of now) {
      seen.add(row.attemptId);
      const before = this.rows.get(row.attemptId);
      if (!before || !sameRow(before, row)) this.changed(row.attemptId);
    }
    for (const id of this.rows.keys()) if (!seen.has(id)) this.changed(id);
  }

  /** Compares with the database now (this instance may have missed events) and sends what differs. */
  async reconcile(): Promise<void> {
    if (!this.loaded) return this.enqueue(() => this.load());
    this.compare(await openRowsAt(this.ctx, this.servicePointId));
    await this.enqueue(() => this.flush());
  }

  /** Drops the replay's events past its age (the hub's shared timer: a quiet channel records nothing to trim on). */
  trimReplay() {
    this.replay.trim();
  }

  /** What the replay holds: events, their characters, and the structure's slots (tests, the bench). */
  replayHeld() {
    return { events: this.replay.size, chars: this.replay.heldChars, slots: this.replay.slots };
  }

  /** Waits for what is queued (tests). */
  settled(): Promise<void> {
    return this.work;
  }
}
