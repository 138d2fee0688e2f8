import type { AppContext } from '../../context.js';
import * as repo from './batches.repo.js';
import { committer, GroupCommit } from './group-commit.js';

/**
 * The pages' heartbeats, written by group commit as answers and starts are: 2,000 learners beating every 15 s
 * are 133 heartbeats a second, each its own transaction and durable commit before; those arriving while one is
 * in flight now share the next. Each is still its own conditional write (the attempt in progress, the learner's,
 * at the workstation it beats from), and acknowledged only once committed. On PostgreSQL the batch skips rows
 * another transaction holds and writes them one by one, each outside the batch (batches.repo's heartbeatMany says
 * why).
 */
export type BeatJob = repo.BeatRow;

/** `held`: another transaction held the row (PostgreSQL); the beat is written alone, outside the batch. */
type Outcome = repo.Beaten | null | 'held';

async function writeBeats(ctx: AppContext, jobs: BeatJob[]): Promise<Outcome[]> {
  // The same attempt twice in a batch (two tabs): one row, at the later time.
  const last = new Map<string, BeatJob>();
  for (const j of jobs) {
    const before = last.get(j.id);
    if (!before || before.at < j.at) last.set(j.id, j);
  }
  const rows = [...last.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const { alive, skipped } = await ctx.db
    .transaction()
    .execute((trx) => repo.heartbeatMany(trx, rows, ctx.dbKind === 'postgres'));
  const held = new Set(skipped.map((r) => r.id));
  return jobs.map((j) => {
    if (held.has(j.id)) return 'held';
    const mine = last.get(j.id)!;
    return mine.userId === j.userId && mine.workstationId === j.workstationId ? (alive.get(j.id) ?? null) : null;
  });
}

const beats = new WeakMap<AppContext, GroupCommit<BeatJob, Outcome>>();

/**
 * Marks the attempt alive at `job.at` when it is in progress, the learner's and running at that workstation; then
 * what the page's reply needs of it. Null otherwise (the caller reads the attempt to say why).
 */
export async function writeHeartbeat(ctx: AppContext, job: BeatJob): Promise<repo.Beaten | null> {
  const outcome = await committer(beats, ctx, writeBeats).submit(job);
  // A row another transaction held: this beat alone (one row: it waits holding nothing), the batches go on.
  return outcome === 'held' ? repo.heartbeat(ctx.db, job) : outcome;
}
