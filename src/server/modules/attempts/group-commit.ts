import type { AppContext } from '../../context.js';
import { retryingConflicts } from '../../db/retry.js';

/**
 * Group commit: requests that arrive while a transaction is in flight wait and go together in the next
 * one — one durable commit (one fsync) for all of them, then each gets its own outcome. Alone, a request
 * commits at once; under load the batch grows and the cost of the commit is shared. A result is handed
 * back only after the transaction that wrote it has committed; if the transaction fails, every request of
 * the batch fails and none is acknowledged. A `BatchWrite` keeps all its effects inside its transaction (it
 * may be run again after a deadlock).
 */
export type BatchWrite<I, O> = (ctx: AppContext, items: I[]) => Promise<O[]>;

const MAX_BATCH = 500;

export class GroupCommit<I, O> {
  private queue: { item: I; resolve: (o: O) => void; reject: (err: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  /**
   * @param maxInFlight batches written at once (1 by default). On PostgreSQL they run on separate
   * connections; on SQLite one after the other on its one connection, a batch's statements overlapping the
   * previous batch's WAL flush. Either way one batch's commit overlaps the next batch's work.
   */
  constructor(
    private readonly ctx: AppContext,
    private readonly write: BatchWrite<I, O>,
    private readonly maxInFlight = 1,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.running < this.maxInFlight && !this.scheduled) {
        this.scheduled = true;
        // Let the requests that arrived in the same turn of the event loop join the same batch.
        setImmediate(() => {
          this.scheduled = false;
          if (this.running < this.maxInFlight && this.queue.length > 0) void this.flush();
        });
      }
    });
  }

  private async flush() {
    this.running++;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          // A batch rolled back by a deadlock or serialization failure is written again whole (db/retry.ts):
          // nothing of it was acknowledged, and its write touches nothing outside its transaction.
          const items = batch.map((b) => b.item);
          const outcomes = await retryingConflicts(() => this.write(this.ctx, items));
          batch.forEach((b, i) => b.resolve(outcomes[i]!));
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.running--;
    }
  }
}

/** One committer per app and kind of write. */
export function committer<I, O>(
  registry: WeakMap<AppContext, GroupCommit<I, O>>,
  ctx: AppContext,
  write: BatchWrite<I, O>,
  maxInFlight = 1,
): GroupCommit<I, O> {
  let c = registry.get(ctx);
  if (!c) {
    c = new GroupCommit(ctx, write, maxInFlight);
    registry.set(ctx, c);
  }
  return c;
}
