import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import { DomainError, notFound } from '../../errors.js';
import * as audit from '../audit/audit.service.js';
import { localized } from '../../../shared/api/common.js';
import * as adminRepo from './admin.repo.js';
import type { TrainingSort } from './admin.repo.js';
import { IDENTIFIER } from './exam-definition.js';

/**
 * « Formations »: trainings as the administration creates and edits them — code, titles, attestation validity,
 * retake rules (stored and shown here; authorization enforces them), the service points offering the training,
 * and whether operators may enrol walk-ins at the counter.
 */
export interface TrainingInput {
  title: { fr: string; en?: string | undefined };
  description?: { fr?: string | undefined; en?: string | undefined } | undefined;
  examId?: string | null | undefined;
  validityMonths: number | null;
  maxAttempts: number;
  retakeWaitDays: number;
  counterEnrolment: boolean;
  servicePointIds: string[];
}

interface Meta {
  actorId: string | null;
  ip?: string | null;
}

export const TRAININGS_PAGE = 25;

function invalid(field: string): never {
  throw new DomainError('validation', { field, params: { field } });
}

async function checked(ctx: AppContext, input: TrainingInput) {
  const known = new Map((await adminRepo.allServicePoints(ctx.db)).map((sp) => [sp.id, sp]));
  const servicePointIds = [...new Set(input.servicePointIds)];
  if (servicePointIds.some((id) => !known.has(id))) invalid('servicePointIds');
  const exam = input.examId ? await adminRepo.findExam(ctx.db, input.examId) : null;
  if (input.examId && !exam) invalid('examId');
  return { servicePointIds, exam, known };
}

function columns(input: TrainingInput) {
  return {
    title: input.title.fr,
    title_en: input.title.en || null,
    description: input.description?.fr ?? '',
    description_en: input.description?.en || null,
    validity_months: input.validityMonths,
    max_attempts: input.maxAttempts,
    retake_wait_days: input.retakeWaitDays,
    counter_enrolment: input.counterEnrolment ? 1 : 0,
  } as const;
}

export async function createTraining(ctx: AppContext, code: string, input: TrainingInput, meta: Meta) {
  if (!IDENTIFIER.test(code)) invalid('code');
  const taken = () => new DomainError('training_code_taken', { field: 'code', params: { code } });
  if ((await adminRepo.trainingsByCode(ctx.db, [code])).length) throw taken();
  const { servicePointIds, exam } = await checked(ctx, input);
  const id = newId();
  const now = ctx.now().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await adminRepo.insertTraining(trx, { id, code, ...columns(input), exam_id: exam?.id ?? null, created_at: now });
      await adminRepo.addOfferings(trx, id, servicePointIds, now);
      await audit.record(ctx, trx, {
        action: 'training.created',
        actorId: meta.actorId,
        ip: meta.ip,
        payload: { trainingCode: code, examCode: exam?.code ?? null },
      });
    });
  } catch (err) {
    // The unique code: taken before, or in the meantime.
    if ((await adminRepo.trainingsByCode(ctx.db, [code])).length) throw taken();
    throw err;
  }
  return trainingDetail(ctx, id);
}

export async function updateTraining(ctx: AppContext, id: string, input: TrainingInput, meta: Meta) {
  const before = await adminRepo.findTraining(ctx.db, id);
  if (!before) throw notFound();
  const { servicePointIds, exam, known } = await checked(ctx, input);
  const offeredBefore = (await adminRepo.offeringsOf(ctx.db, [id])).map((o) => o.id);
  const added = servicePointIds.filter((s) => !offeredBefore.includes(s));
  const removed = offeredBefore.filter((s) => !servicePointIds.includes(s));
  const set = { ...columns(input), exam_id: exam?.id ?? null };
  const changed = (Object.keys(set) as (keyof typeof set)[]).filter((k) => set[k] !== before[k]);
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    // An enrolment stays where it is: a service point with enrolments of this training keeps offering it.
    const busy = await adminRepo.servicePointsWithEnrolments(trx, id, removed);
    if (busy.length)
      throw new DomainError('offering_in_use', {
        field: 'servicePointIds',
        params: { code: before.code, name: known.get(busy[0]!)?.name ?? '' },
      });
    await adminRepo.updateTraining(trx, id, { ...set, updated_at: now });
    await adminRepo.addOfferings(trx, id, added, now);
    await adminRepo.removeOfferings(trx, id, removed);
    await audit.record(ctx, trx, {
      action: 'training.updated',
      actorId: meta.actorId,
      ip: meta.ip,
      payload: { trainingCode: before.code, changed, servicePointsAdded: added, servicePointsRemoved: removed },
    });
  });
  return trainingDetail(ctx, id);
}

function shape(
  t:
    | NonNullable<Awaited<ReturnType<typeof adminRepo.findTraining>>>
    | Awaited<ReturnType<typeof adminRepo.listTrainings>>[number],
  offerings: { training_id: string; id: string; name: string }[],
) {
  return {
    id: t.id,
    code: t.code,
    title: { fr: t.title, ...(t.title_en ? { en: t.title_en } : {}) },
    validityMonths: t.validity_months,
    maxAttempts: Number(t.max_attempts),
    retakeWaitDays: Number(t.retake_wait_days),
    counterEnrolment: Number(t.counter_enrolment) === 1,
    examCode: t.exam_code,
    servicePoints: offerings.filter((o) => o.training_id === t.id).map((o) => ({ id: o.id, name: o.name })),
  };
}

export async function trainingDetail(ctx: AppContext, id: string) {
  const t = await adminRepo.findTraining(ctx.db, id);
  if (!t) throw notFound();
  return {
    ...shape(t, await adminRepo.offeringsOf(ctx.db, [id])),
    description: { fr: t.description, ...(t.description_en ? { en: t.description_en } : {}) },
    examId: t.exam_id,
  };
}

export async function listTrainings(
  ctx: AppContext,
  f: { q: string; sort: TrainingSort; desc: boolean; page: number },
) {
  const rows = await adminRepo.listTrainings(ctx.db, {
    q: f.q.toLowerCase(),
    sort: f.sort,
    desc: f.desc,
    offset: (f.page - 1) * TRAININGS_PAGE,
    limit: TRAININGS_PAGE + 1,
  });
  const page = rows.slice(0, TRAININGS_PAGE);
  const offerings = await adminRepo.offeringsOf(
    ctx.db,
    page.map((r) => r.id),
  );
  return {
    trainings: page.map((r) => ({ ...shape(r, offerings), enrolments: Number(r.enrolments ?? 0) })),
    page: f.page,
    hasMore: rows.length > TRAININGS_PAGE,
  };
}

/** What the forms choose from: the service points and the exams. */
export async function catalogOptions(ctx: AppContext) {
  const [servicePoints, exams] = await Promise.all([adminRepo.allServicePoints(ctx.db), adminRepo.allExams(ctx.db)]);
  return {
    servicePoints,
    exams: exams.map((e) => ({
      id: e.id,
      code: e.code,
      title: e.title === null ? null : localized(e.title, e.title_en),
    })),
  };
}
