import { AsyncResource } from 'node:async_hooks';

// A batch runs in no caller's context: never inside the transaction of whichever caller came first
// (transaction-guard.ts would refuse its read), nor with one request's log context.
const outside = new AsyncResource('BatchedRead');

/**
 * Reads by key that arrive in the same turn of the event loop go to the database together, in one query
 * (`readMany`, at most `max` keys each), and the same key asked twice meanwhile is read once. A room of
 * learners pressing « Commencer » together checks 2,000 sessions in a few queries instead of 2,000.
 * Alone, a read waits for nothing but the end of the current turn.
 */
export class BatchedRead<V> {
  private waiting = new Map<string, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  private scheduled = false;

  constructor(
    private readonly readMany: (keys: string[]) => Promise<Map<string, V>>,
    private readonly max = 500,
  ) {}

  load(key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const callers = this.waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => outside.runInAsyncScope(() => this.flush()));
      }
    });
  }

  private flush() {
    this.scheduled = false;
    const all = [...this.waiting];
    this.waiting = new Map();
    for (let i = 0; i < all.length; i += this.max) {
      const batch = all.slice(i, i + this.max);
      this.readMany(batch.map(([k]) => k)).then(
        (found) => {
          for (const [k, callers] of batch) for (const c of callers) c.resolve(found.get(k));
        },
        (err: unknown) => {
          for (const [, callers] of batch) for (const c of callers) c.reject(err);
        },
      );
    }
  }
}
