import { isTransactionConflict } from './errors.js';

/** Runs after the first try (PostgreSQL chooses one victim of a deadlock; the other goes on). */
const RETRIES = 2;

/**
 * Runs a whole transaction again, from its start, when PostgreSQL rolled it back for colliding with another
 * (40P01 deadlock, 40001 serialization failure): nothing of it was kept, so running it again is safe — for a
 * `run` whose effects are all inside its transaction (no event, reply or cache change before it resolves).
 * After the retries the error goes on (a 503 `database_busy`, db/errors.ts).
 */
export async function retryingConflicts<T>(run: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await run();
    } catch (err) {
      if (tries >= RETRIES || !isTransactionConflict(err)) throw err;
      // A little wait, different for each, so the two sides do not meet again in the same order.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
  }
}
