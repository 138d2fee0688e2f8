import type { AppContext } from '../../context.js';
import * as audit from '../audit/audit.service.js';
import * as repo from './attempts.repo.js';
import { committer, GroupCommit } from './group-commit.js';

/**
 * « Commencer », written by group commit: a room pressing it at the same moment shares one transaction
 * and one durable commit. Each start is still its own conditional write (authorized → in_progress);
 * the batch takes the attempt rows in id order, then the enrolments, then the audit chain, the same
 * order as every other transition, so two instances never deadlock.
 */
export interface StartJob {
  attemptId: string;
  userId: string;
  enrolmentId: string;
  servicePointId: string;
  startedAt: string;
  deadlineAt: string;
  items: string;
  ip: string | null;
}

async function writeStarts(ctx: AppContext, jobs: StartJob[]): Promise<boolean[]> {
  const order = jobs.map((_, i) => i).sort((a, b) => (jobs[a]!.attemptId < jobs[b]!.attemptId ? -1 : 1));
  return ctx.db.transaction().execute(async (trx) => {
    const won: boolean[] = jobs.map(() => false);
    for (const i of order) {
      const j = jobs[i]!;
      won[i] = await repo.markStarted(trx, j.attemptId, j.userId, {
        started_at: j.startedAt,
        deadline_at: j.deadlineAt,
        items: j.items,
      });
    }
    for (const i of order)
      if (won[i]) await repo.setEnrolmentStatus(trx, jobs[i]!.enrolmentId, 'exam_in_progress', jobs[i]!.startedAt);
    for (const i of order) {
      const j = jobs[i]!;
      if (!won[i]) continue;
      await audit.record(ctx, trx, {
        action: 'attempt.started',
        actorId: j.userId,
        subjectUserId: j.userId,
        servicePointId: j.servicePointId,
        ip: j.ip,
        payload: { attemptId: j.attemptId, deadlineAt: j.deadlineAt },
      });
    }
    return won;
  });
}

const starters = new WeakMap<AppContext, GroupCommit<StartJob, boolean>>();

/** True when this start made the transition; false when the attempt was no longer authorized. */
export function writeStart(ctx: AppContext, job: StartJob): Promise<boolean> {
  return committer(starters, ctx, writeStarts).submit(job);
}
