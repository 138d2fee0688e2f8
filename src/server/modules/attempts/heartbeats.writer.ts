import type { AppContext } from '../../context.js';
import * as repo from './attempts.repo.js';
import { committer, GroupCommit } from './group-commit.js';

/**
 * The pages' heartbeats, written by group commit as answers and starts are: 2,000 learners beating every 15 s
 * are 133 heartbeats a second, each its own transaction and durable commit before; those arriving while one is
 * in flight now share the next. Each is still its own conditional write (the attempt in progress, the learner's),
 * and acknowledged only once committed.
 */
export interface BeatJob {
  attemptId: string;
  userId: string;
  at: string;
}

async function writeBeats(ctx: AppContext, jobs: BeatJob[]): Promise<boolean[]> {
  // The same attempt twice in a batch (two tabs): one row, at the later time.
  const last = new Map<string, BeatJob>();
  for (const j of jobs) {
    const before = last.get(j.attemptId);
    if (!before || before.at < j.at) last.set(j.attemptId, j);
  }
  const rows = [...last.values()]
    .sort((a, b) => (a.attemptId < b.attemptId ? -1 : 1))
    .map((j) => ({ id: j.attemptId, userId: j.userId, at: j.at }));
  const alive = await ctx.db.transaction().execute((trx) => repo.heartbeatMany(trx, rows, ctx.dbKind === 'postgres'));
  return jobs.map((j) => alive.has(j.attemptId) && last.get(j.attemptId)?.userId === j.userId);
}

const beats = new WeakMap<AppContext, GroupCommit<BeatJob, boolean>>();

/** True when the attempt was in progress and is now marked alive at `job.at`. */
export function writeHeartbeat(ctx: AppContext, job: BeatJob): Promise<boolean> {
  return committer(beats, ctx, writeBeats).submit(job);
}
