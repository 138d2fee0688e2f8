/**
 * The events a live channel keeps for a list that reconnects with `Last-Event-ID` (live.channel.ts), bounded by
 * count and by age: at most MAX_EVENTS, none older than MAX_AGE_MS.
 *
 * Why both. The browser reconnects 2 s after a drop (EventSource's `retry`), and a list that comes back after
 * minutes gets a snapshot anyway (the channel of a point nobody watches is dropped after 2 minutes): the age
 * bound keeps what a point holds proportional to its activity over the last two minutes (a busy room of 20,
 * ≈ 3 rows a second: ≈ 400 events, ≈ 0.2 MB), whatever the length of the day. The count bound caps a burst (a
 * reconciliation after a database outage, a room of 200): a point never holds more than 3,000 events (≈ 1.5 MB
 * at 0.5 KB a row). Past either, the oldest go, and a list whose last id went with them gets a snapshot — which
 * is then the smaller send anyway (a room's snapshot is one row per open exam, fewer than the events missed).
 */
export const MAX_EVENTS = 3000;
export const MAX_AGE_MS = 120_000;

interface Held {
  seq: number;
  at: number;
  chunk: string;
}

export class ReplayBuffer {
  /** Held events, oldest first, from `head` on (the ones before are evicted, compacted now and then). */
  private items: Held[] = [];
  private head = 0;
  private chars = 0;

  constructor(
    private readonly maxEvents = MAX_EVENTS,
    private readonly maxAgeMs = MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps one formatted event. */
  push(seq: number, chunk: string) {
    this.items.push({ seq, at: this.now(), chunk });
    this.chars += chunk.length;
    this.trim();
  }

  /** Drops what is past either bound (also called by the hub's shared timer, for a channel gone quiet). */
  trim() {
    const oldestKept = this.now() - this.maxAgeMs;
    while (this.size > this.maxEvents || (this.size > 0 && this.items[this.head]!.at < oldestKept)) {
      this.chars -= this.items[this.head]!.chunk.length;
      this.head++;
    }
    // Compacted once half the array is evicted: each event is copied at most once on average.
    if (this.head > 64 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** The sequence number of the oldest event held; null when none is. */
  get oldest(): number | null {
    return this.items[this.head]?.seq ?? null;
  }

  /** Events held. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Characters of the events held (their memory, about: UTF-16 strings of mostly ASCII). */
  get heldChars(): number {
    return this.chars;
  }

  /** The slots the structure holds, evicted ones not yet compacted included (its memory bound, for tests). */
  get slots(): number {
    return this.items.length;
  }

  /** The events after `seq`, in order. */
  after(seq: number): string[] {
    const out: string[] = [];
    for (let i = this.head; i < this.items.length; i++) if (this.items[i]!.seq > seq) out.push(this.items[i]!.chunk);
    return out;
  }
}
