import { DomainError } from '../../errors.js';

/**
 * Decoding a picture costs memory in proportion to its pixels, whatever its size on the wire (a 24-megapixel
 * PNG of one colour is a few hundred KB and about 100 MB decoded). So decodes go through a gate: at most
 * `concurrency` at once in the process, at most `maxWaiting` queued behind them, and one at a time per user —
 * an operator's second upload while the first is being decoded is refused, not queued. What the gate refuses
 * is answered `rate_limited` (429): the operator tries again in a moment.
 */
export class DecodeGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly busy = new Set<string>();

  constructor(private readonly opts: { concurrency: number; maxWaiting: number }) {}

  async run<T>(userId: string, fn: () => Promise<T>): Promise<T> {
    if (this.busy.has(userId)) throw new DomainError('rate_limited');
    if (this.running >= this.opts.concurrency && this.waiting.length >= this.opts.maxWaiting)
      throw new DomainError('rate_limited');
    this.busy.add(userId);
    try {
      if (this.running >= this.opts.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else this.running++;
      try {
        return await fn();
      } finally {
        // Hand the place straight to the next in line (`running` stays the same), or give it back.
        const next = this.waiting.shift();
        if (next) next();
        else this.running--;
      }
    } finally {
      this.busy.delete(userId);
    }
  }
}

/** The process's gate for the ID photo's decodes (upload, crop preview, final render): two cores, two decodes. */
export const photoDecodes = new DecodeGate({ concurrency: 2, maxWaiting: 16 });
