import type { AppContext } from '../../context.js';
import * as audit from '../audit/audit.service.js';
import { setEnrolmentsStatus } from '../catalog/catalog.service.js';
import { timeAccommodationsOf } from './attempts.repo.js';
import * as repo from './batches.repo.js';
import { extraMinutes, startDeadline } from './clock.js';
import { committer, GroupCommit } from './group-commit.js';

/**
 * « Commencer », written by group commit: a room pressing it at the same moment shares one transaction
 * and one durable commit, in a few statements whatever its size. Each start is still its own conditional
 * write (authorized → in_progress); the batch reads its learners' accommodations in one query, takes the attempt
 * rows in id order, then the enrolments, then the audit chain — the order of every other transition, so two
 * instances never deadlock — last, once, its rows built before, so the chain's lock is held for one read and
 * one insert until the commit.
 */
export interface StartJob {
  attemptId: string;
  userId: string;
  enrolmentId: string;
  servicePointId: string;
  /** The day the attempt is authorized for: the accommodations holding on it give their extra time. */
  day: string;
  durationMinutes: number;
  items: string;
  ip: string | null;
}

/** A start made: its clock, fixed by the batch that wrote it. */
export interface Started {
  startedAt: string;
  deadlineAt: string;
  /** An accommodation's extra time, already in `deadlineAt`. */
  extraMinutes: number;
}

async function writeStarts(ctx: AppContext, jobs: StartJob[]): Promise<(Started | null)[]> {
  // The same attempt twice in a batch (a double click): the first one writes, the second finds it started.
  const first = new Map<string, StartJob>();
  for (const j of jobs) if (!first.has(j.attemptId)) first.set(j.attemptId, j);
  const rows = [...first.values()].sort((a, b) => (a.attemptId < b.attemptId ? -1 : 1));
  const startedAt = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const days = rows.map((j) => j.day).sort();
    const accommodations = await timeAccommodationsOf(trx, [...new Set(rows.map((j) => j.userId))], days[0]!);
    const clocks = new Map<string, Started>();
    for (const j of rows) {
      const extra = extraMinutes(
        j.durationMinutes,
        accommodations.filter((a) => a.learner_id === j.userId && a.valid_until >= j.day),
      );
      clocks.set(j.attemptId, {
        startedAt,
        deadlineAt: startDeadline(startedAt, j.durationMinutes, extra),
        extraMinutes: extra,
      });
    }
    const started = await repo.markStartedMany(
      trx,
      rows.map((j) => ({ id: j.attemptId, userId: j.userId, items: j.items, ...clocks.get(j.attemptId)! })),
      ctx.dbKind === 'postgres',
    );
    const won = rows.filter((j) => started.has(j.attemptId));
    // The enrolment is the catalog's: it moves in this same transaction.
    await setEnrolmentsStatus(
      trx,
      won.map((j) => j.enrolmentId),
      'exam_in_progress',
      startedAt,
    );
    await audit.recordMany(
      ctx,
      trx,
      won.map((j) => {
        const clock = clocks.get(j.attemptId)!;
        return {
          action: 'attempt.started' as const,
          actorId: j.userId,
          subjectUserId: j.userId,
          servicePointId: j.servicePointId,
          ip: j.ip,
          payload: {
            attemptId: j.attemptId,
            deadlineAt: clock.deadlineAt,
            ...(clock.extraMinutes ? { extraMinutes: clock.extraMinutes } : {}),
          },
        };
      }),
    );
    return jobs.map((j) =>
      started.has(j.attemptId) && first.get(j.attemptId) === j ? clocks.get(j.attemptId)! : null,
    );
  });
}

const starters = new WeakMap<AppContext, GroupCommit<StartJob, Started | null>>();

/** The start's clock when this start made the transition; null when the attempt was no longer authorized. */
export function writeStart(ctx: AppContext, job: StartJob): Promise<Started | null> {
  // PostgreSQL: up to three batches at once, on separate connections (they meet at the audit chain's lock).
  return committer(starters, ctx, writeStarts, ctx.dbKind === 'postgres' ? 3 : 1).submit(job);
}
