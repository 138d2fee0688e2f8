import type { AppContext } from '../../context.js';
import type { AttemptSignal } from '../../../shared/live.js';
import { attemptSignals } from './monitoring.repo.js';

/** Attempts read per query: SQLite takes up to 32,766 values per statement, PostgreSQL 65,535. */
const CHUNK = 500;

/**
 * What each learner's page must know of its attempt now (learner.stream.ts), for many attempts at once: one
 * query per 500 attempts. An attempt that is not `userId`'s is left out, as if it did not exist.
 */
export async function signalsOf(
  ctx: AppContext,
  watched: { attemptId: string; userId: string }[],
): Promise<Map<string, AttemptSignal>> {
  const owner = new Map(watched.map((w) => [w.attemptId, w.userId]));
  const ids = [...owner.keys()];
  const out = new Map<string, AttemptSignal>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await attemptSignals(ctx.db, ids.slice(i, i + CHUNK));
    const serverNow = ctx.now().toISOString();
    for (const r of rows)
      if (owner.get(r.id) === r.user_id)
        out.set(r.id, {
          state: r.state,
          deadlineAt: r.deadline_at,
          pausedAt: r.state === 'in_progress' ? r.paused_at : null,
          workstation: { name: r.workstation_name, servicePointName: r.service_point_name },
          serverNow,
        });
  }
  return out;
}

interface Waiting {
  watched: { attemptId: string; userId: string };
  resolve: (signal: AttemptSignal | undefined) => void;
  reject: (err: unknown) => void;
}

/**
 * Reads of single pages' attempts asked in the same turn of the event loop, made in one query: a room's pause
 * or resume tells its 20 pages at once (one read each, before). Each read still begins after the change that
 * asked for it committed: a page never goes back in time.
 */
export class SignalReads {
  private waiting: Waiting[] = [];

  constructor(private readonly ctx: AppContext) {}

  read(watched: { attemptId: string; userId: string }): Promise<AttemptSignal | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ watched, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => void this.run());
    });
  }

  private async run() {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const signals = await signalsOf(
        this.ctx,
        batch.map((b) => b.watched),
      );
      for (const b of batch) b.resolve(signals.get(b.watched.attemptId));
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }
}
