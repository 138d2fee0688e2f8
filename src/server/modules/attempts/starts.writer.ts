import type { AppContext } from '../../context.js';
import * as audit from '../audit/audit.service.js';
import { setEnrolmentsStatus } from '../catalog/catalog.service.js';
import * as repo from './attempts.repo.js';
import { committer, GroupCommit } from './group-commit.js';

/**
 * « Commencer », written by group commit: a room pressing it at the same moment shares one transaction
 * and one durable commit, in a few statements whatever its size. Each start is still its own conditional
 * write (authorized → in_progress); the batch takes the attempt rows in id order, then the enrolments,
 * then the audit chain — the order of every other transition, so two instances never deadlock.
 */
export interface StartJob {
  attemptId: string;
  userId: string;
  enrolmentId: string;
  servicePointId: string;
  startedAt: string;
  deadlineAt: string;
  /** An accommodation's extra time, already in `deadlineAt`. */
  extraMinutes: number;
  items: string;
  ip: string | null;
}

async function writeStarts(ctx: AppContext, jobs: StartJob[]): Promise<boolean[]> {
  // The same attempt twice in a batch (a double click): the first one writes, the second finds it started.
  const first = new Map<string, StartJob>();
  for (const j of jobs) if (!first.has(j.attemptId)) first.set(j.attemptId, j);
  const rows = [...first.values()].sort((a, b) => (a.attemptId < b.attemptId ? -1 : 1));
  return ctx.db.transaction().execute(async (trx) => {
    const started = await repo.markStartedMany(
      trx,
      rows.map((j) => ({
        id: j.attemptId,
        userId: j.userId,
        startedAt: j.startedAt,
        deadlineAt: j.deadlineAt,
        items: j.items,
        extraMinutes: j.extraMinutes,
      })),
      ctx.dbKind === 'postgres',
    );
    const won = rows.filter((j) => started.has(j.attemptId));
    // The enrolment is the catalog's: it moves in this same transaction.
    await setEnrolmentsStatus(
      trx,
      won.map((j) => j.enrolmentId),
      'exam_in_progress',
      ctx.now().toISOString(),
    );
    await audit.recordMany(
      ctx,
      trx,
      won.map((j) => ({
        action: 'attempt.started' as const,
        actorId: j.userId,
        subjectUserId: j.userId,
        servicePointId: j.servicePointId,
        ip: j.ip,
        payload: {
          attemptId: j.attemptId,
          deadlineAt: j.deadlineAt,
          ...(j.extraMinutes ? { extraMinutes: j.extraMinutes } : {}),
        },
      })),
    );
    return jobs.map((j) => started.has(j.attemptId) && first.get(j.attemptId) === j);
  });
}

const starters = new WeakMap<AppContext, GroupCommit<StartJob, boolean>>();

/** True when this start made the transition; false when the attempt was no longer authorized. */
export function writeStart(ctx: AppContext, job: StartJob): Promise<boolean> {
  // PostgreSQL: up to three batches at once, on separate connections (they meet at the audit chain's lock).
  return committer(starters, ctx, writeStarts, ctx.dbKind === 'postgres' ? 3 : 1).submit(job);
}
