import { localized } from '../../../shared/api/common.js';
import type { IrregularityView } from '../../../shared/api/desk.js';
import { mayDateIrregularity } from '../../../shared/desk-care.js';
import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import { DomainError } from '../../errors.js';
import { mayReachAttempt, operatorAt } from '../access/access.service.js';
import * as audit from '../audit/audit.service.js';
import * as repo from './irregularities.repo.js';

/*
 * « Signaler une irrégularité » about a learner, or one of their attempts: a category, a description and when
 * it happened. Listed on the learner's file and in « Bilan de la journée » (and its CSV). It never changes a
 * score: nothing here touches the attempt.
 */

export interface ReportInput {
  learnerId: string;
  servicePointId: string;
  reporterId: string;
  ip: string | null;
  category: IrregularityView['category'];
  description: string;
  attemptId?: string | undefined;
  occurredAt?: string | undefined;
}

export function irregularityView(r: repo.IrregularityRecord): IrregularityView {
  return {
    id: r.id,
    category: r.category,
    description: r.description,
    occurredAt: r.occurred_at,
    attemptId: r.attempt_id,
    examTitle: r.exam_title === null ? null : localized(r.exam_title, r.exam_title_en),
    reportedBy: [r.by_first_name, r.by_last_name].filter(Boolean).join(' '),
    learnerId: r.learner_id,
    learnerName: [r.first_name, r.last_name].filter(Boolean).join(' '),
  };
}

/** The learner's irregularities at the service point, newest first (the learner's file). */
export async function irregularitiesOf(ctx: AppContext, learnerId: string, servicePointId: string) {
  return (await repo.irregularitiesAt(ctx.db, { servicePointId, learnerId })).map(irregularityView);
}

/** Those that happened at the service point from `from` (included) to `to` (excluded), in that order. */
export async function irregularitiesBetween(ctx: AppContext, servicePointId: string, from: string, to: string) {
  return (await repo.irregularitiesAt(ctx.db, { servicePointId, from, to })).map(irregularityView);
}

/** Records it, audited. An attempt named must be this learner's at this service point (otherwise 404). */
export async function reportIrregularity(ctx: AppContext, input: ReportInput): Promise<IrregularityView> {
  if (input.attemptId) {
    const a = await mayReachAttempt(ctx, operatorAt(input.servicePointId), input.attemptId);
    if (a.user_id !== input.learnerId) throw new DomainError('not_found', { field: 'attemptId' });
  }
  const now = ctx.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (!mayDateIrregularity(occurredAt, now))
    throw new DomainError('validation', { field: 'occurredAt', params: { field: 'occurredAt' } });
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertIrregularity(trx, {
      id,
      learner_id: input.learnerId,
      attempt_id: input.attemptId ?? null,
      service_point_id: input.servicePointId,
      category: input.category,
      description: input.description,
      occurred_at: occurredAt.toISOString(),
      reported_by: input.reporterId,
      created_at: now.toISOString(),
    });
    await audit.record(ctx, trx, {
      action: 'irregularity.reported',
      actorId: input.reporterId,
      subjectUserId: input.learnerId,
      servicePointId: input.servicePointId,
      ip: input.ip,
      payload: { irregularityId: id, attemptId: input.attemptId ?? null, category: input.category },
    });
  });
  const [row] = await repo.irregularitiesAt(ctx.db, {
    servicePointId: input.servicePointId,
    learnerId: input.learnerId,
    id,
  });
  return irregularityView(row!);
}
