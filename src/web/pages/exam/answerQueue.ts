/**
 * Answers that are never lost. Every change gets the next sequence number of the attempt and waits in
 * durable browser storage until the server has acknowledged it (the server acknowledges only after its
 * commit). Changes are sent one at a time, in order; on a network failure they wait and are sent again —
 * at once when the browser says it is back online, else after a short, growing delay. A reload starts
 * from what is stored, so nothing unacknowledged is forgotten.
 */
export interface PendingAnswer {
  itemId: string;
  choiceIds: string[];
  flagged: boolean;
  seq: number;
}

/** What the server said about one send. */
export type SendResult =
  | { kind: 'ok' }
  /** The network or the server failed: try again later. */
  | { kind: 'retry' }
  /** A newer answer is already stored (or the change can never be stored): drop this one. */
  | { kind: 'drop'; message?: string }
  /**
   * Another answer is saved under this change's number (another tab of the exam, a copy of the page that
   * lost its storage numbered alike): number what waits again above `above` and send it.
   */
  | { kind: 'renumber'; above: number }
  /** The exam is over, or this browser may no longer send: stop. */
  | { kind: 'closed' }
  | { kind: 'signedOut' };

export type QueueStatus = 'saved' | 'saving' | 'offline' | 'signedOut' | 'closed';

export interface QueueDeps {
  attemptId: string;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  send: (answer: PendingAnswer) => Promise<SendResult>;
  onChange: (status: QueueStatus, pending: readonly PendingAnswer[], error?: string) => void;
  /** Delay before sending again after the n-th failure in a row (ms). */
  retryDelay?: (failures: number) => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

interface Stored {
  seq: number;
  pending: PendingAnswer[];
}

export function storageKey(attemptId: string) {
  return `vigie.exam.${attemptId}`;
}

export class AnswerQueue {
  private seq = 0;
  private pending: PendingAnswer[] = [];
  private sending = false;
  private failures = 0;
  private timer: unknown = null;
  private status: QueueStatus = 'saved';
  private stopped = false;
  private readonly retryDelay: (failures: number) => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (t: unknown) => void;

  constructor(private readonly deps: QueueDeps) {
    this.retryDelay = deps.retryDelay ?? ((n) => Math.min(5000, 500 * 2 ** Math.min(n - 1, 4)));
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    const raw = deps.storage.getItem(storageKey(deps.attemptId));
    if (raw) {
      try {
        const stored = JSON.parse(raw) as Stored;
        this.seq = stored.seq;
        this.pending = stored.pending;
      } catch {
        /* unreadable: nothing to resend */
      }
    }
  }

  /** Starts from the server's last sequence number (never goes back below a number already used). */
  resume(serverLastSeq: number) {
    this.seq = Math.max(this.seq, serverLastSeq, ...this.pending.map((p) => p.seq));
    this.persist();
    this.flush();
  }

  get waiting(): readonly PendingAnswer[] {
    return this.pending;
  }

  /** Records a change and sends it. Returns its sequence number. */
  change(itemId: string, choiceIds: string[], flagged: boolean): number {
    const entry = { itemId, choiceIds: [...choiceIds], flagged, seq: ++this.seq };
    this.pending.push(entry);
    this.persist();
    this.flush();
    return entry.seq;
  }

  /** Sends again now (the browser is back online, the learner signed in again…). */
  retryNow() {
    if (this.stopped && this.status !== 'signedOut') return;
    this.stopped = false;
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    this.flush();
  }

  /** Stops sending (the exam is over): what is left can never be saved. */
  close() {
    this.stopped = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.pending = [];
    this.deps.storage.removeItem(storageKey(this.deps.attemptId));
    this.emit('closed');
  }

  private persist() {
    const stored: Stored = { seq: this.seq, pending: this.pending };
    this.deps.storage.setItem(storageKey(this.deps.attemptId), JSON.stringify(stored));
  }

  private emit(status: QueueStatus, error?: string) {
    this.status = status;
    this.deps.onChange(status, this.pending, error);
  }

  private flush() {
    if (this.sending || this.stopped || this.timer !== null) return;
    if (this.pending.length === 0) {
      this.emit('saved');
      return;
    }
    this.sending = true;
    if (this.status !== 'offline') this.emit('saving');
    const head = this.pending[0]!;
    void this.deps
      .send(head)
      .catch((): SendResult => ({ kind: 'retry' }))
      .then((result) => {
        this.sending = false;
        this.handle(head, result);
      });
  }

  private handle(head: PendingAnswer, result: SendResult) {
    const drop = () => {
      this.pending = this.pending.filter((p) => p !== head);
      this.persist();
    };
    switch (result.kind) {
      case 'ok':
        this.failures = 0;
        drop();
        if (this.status === 'offline') this.emit('saving');
        this.flush();
        return;
      case 'drop':
        this.failures = 0;
        drop();
        if (result.message) this.emit(this.status, result.message);
        this.flush();
        return;
      case 'renumber':
        // This page's answer wins: it is what the learner sees on the screen and chose last here, and the
        // other sender's change stays saved until this one replaces it. Every waiting change is numbered
        // again, in order, above the number the server holds, so none of them becomes older than another.
        this.failures = 0;
        this.seq = Math.max(this.seq, result.above);
        for (const p of this.pending) p.seq = ++this.seq;
        this.persist();
        this.flush();
        return;
      case 'retry':
        this.failures++;
        this.emit('offline');
        this.timer = this.setTimer(() => {
          this.timer = null;
          this.flush();
        }, this.retryDelay(this.failures));
        return;
      case 'signedOut':
        this.stopped = true;
        this.emit('signedOut');
        return;
      case 'closed':
        this.close();
        return;
    }
  }
}
