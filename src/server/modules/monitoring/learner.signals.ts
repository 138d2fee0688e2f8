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
