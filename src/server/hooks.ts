import type { Transaction } from 'kysely';
import type { AppContext } from './context.js';
import type { Database } from './db/schema.js';

/**
 * A reaction to another module's change, run inside that change's transaction: it commits or rolls back
 * with it. A hook that throws rolls the change back, so a hook must not throw for an expected condition.
 */
export type TxHook<T> = (ctx: AppContext, trx: Transaction<Database>, payload: T) => Promise<unknown>;

/**
 * The hooks of one change point. The module that changes owns the list and runs it; the module that reacts
 * registers on it in wiring.ts, so the first never imports the second. One list per context (an app, the
 * command line), not per process: tests build many apps in one process.
 */
export class TxHooks<T> {
  readonly #hooks: TxHook<T>[] = [];

  /** Adds a reaction; returns what removes it (tests add their own and take them off). */
  register(hook: TxHook<T>): () => void {
    this.#hooks.push(hook);
    return () => {
      const i = this.#hooks.indexOf(hook);
      if (i >= 0) this.#hooks.splice(i, 1);
    };
  }

  /** Runs every reaction in registration order, one after another, in the caller's transaction. */
  async run(ctx: AppContext, trx: Transaction<Database>, payload: T): Promise<void> {
    for (const hook of [...this.#hooks]) await hook(ctx, trx, payload);
  }
}

/** A reaction to another module's change once it has committed (a cache to forget): it cannot undo it. */
export type CommittedHook<T> = (ctx: AppContext, payload: T) => void;

/** The after-commit hooks of one change point: same ownership and registration as TxHooks. */
export class CommittedHooks<T> {
  readonly #hooks: CommittedHook<T>[] = [];

  register(hook: CommittedHook<T>): () => void {
    this.#hooks.push(hook);
    return () => {
      const i = this.#hooks.indexOf(hook);
      if (i >= 0) this.#hooks.splice(i, 1);
    };
  }

  /** Runs every reaction, synchronously: when the change returns, they have run. */
  run(ctx: AppContext, payload: T): void {
    for (const hook of [...this.#hooks]) hook(ctx, payload);
  }
}
