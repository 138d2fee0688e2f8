import type { AppContext } from '../../context.js';
import * as repo from './batches.repo.js';
import { committer, GroupCommit } from './group-commit.js';

/**
 * The pages' heartbeats, written by group commit as answers and starts are: 2,000 learners beating every 15 s
 * are 133 heartbeats a second, each its own transaction and durable commit before; those arriving while one is
 * in flight now share the next. Each is still its own conditional write (the attempt in progress, the learner's),
 * and acknowledged only once committed. On PostgreSQL the batch skips rows another transaction holds and writes
 * them one by one, each outside the batch (batches.repo's heartbeatMany says why).
 */
export interface BeatJob {
  attemptId: string;
  userId: string;
  at: string;
}

/** `held`: another transaction held the row (PostgreSQL); the beat is written alone, outside the batch. */
type Outcome = boolean | 'held';

async function writeBeats(ctx: AppContext, jobs: BeatJob[]): Promise<Outcome[]> {
  // The same attempt twice in a batch (two tabs): one row, at the later time.
  const last = new Map<string, BeatJob>();
  for (const j of jobs) {
    const before = last.get(j.attemptId);
    if (!before || before.at < j.at) last.set(j.attemptId, j);
  }
  const rows = [...last.values()]
    .sort((a, b) => (a.attemptId < b.attemptId ? -1 : 1))
    .map((j) => ({ id: j.attemptId, userId: j.userId, at: j.at }));
  const { alive, skipped } = await ctx.db
    .transaction()
    .execute((trx) => repo.heartbeatMany(trx, rows, ctx.dbKind === 'postgres'));
  const held = new Set(skipped.map((r) => r.id));
  return jobs.map((j) =>
    held.has(j.attemptId) ? 'held' : alive.has(j.attemptId) && last.get(j.attemptId)?.userId === j.userId,
  );
}

const beats = new WeakMap<AppContext, GroupCommit<BeatJob, Outcome>>();

/** True when the attempt was in progress and is now marked alive at `job.at`. */
export async function writeHeartbeat(ctx: AppContext, job: BeatJob): Promise<boolean> {
  const outcome = await committer(beats, ctx, writeBeats).submit(job);
  // A row another transaction held: this beat alone (one row: it waits holding nothing), the batches go on.
  return outcome === 'held' ? repo.heartbeat(ctx.db, job.attemptId, job.userId, job.at) : outcome;
}
