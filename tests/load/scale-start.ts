/**
 * The « Commencer » storm of the scale benches (bench-scale.ts, bench-start.ts): every learner's page presses it
 * at a random moment of the same second, and presses again by itself after a refusal's Retry-After (as the exam
 * page does). Says how long each waited, who was never started, and why the refused were refused.
 */
import type { SimLearner } from './scale-learners.js';

export interface Storm {
  /** Each learner's time from the first press to its answer (ms, the waits after a refusal included). */
  times: number[];
  /** Learners whose last answer was not 200. */
  failed: number;
  /** Learners refused at least once before being answered. */
  retried: number;
  /** Refusals by status and code (e.g. `503 database_busy`), and the final statuses that were not 200. */
  refusals: Record<string, number>;
}

export async function startStorm(sims: SimLearner[]): Promise<Storm> {
  const storm: Storm = { times: [], failed: 0, retried: 0, refusals: {} };
  const count = (what: string) => (storm.refusals[what] = (storm.refusals[what] ?? 0) + 1);
  await Promise.all(
    sims.map(async (s) => {
      await new Promise((r) => setTimeout(r, Math.random() * 1000));
      const r = await s.start();
      storm.times.push(r.ms);
      if (r.refusals.length > 0) storm.retried++;
      for (const why of r.refusals) count(why);
      if (r.status !== 200) {
        storm.failed++;
        count(`final ${r.status}`);
      }
    }),
  );
  return storm;
}
