import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import { DomainError } from '../../errors.js';
import type { LocalizedText } from '../../../shared/exam.js';
import * as audit from '../audit/audit.service.js';
import * as repo from './catalog.repo.js';
import { IDENTIFIER, LIMITS, normalizeLocalized } from './exam-definition.js';

export interface NewTraining {
  code: string;
  title: LocalizedText;
  description: LocalizedText;
  /** The code of the training's final exam. */
  examCode: string;
  /** How long the attestation is valid; null: no end. */
  validityMonths?: number | null;
}

function invalid(field: string): never {
  throw new DomainError('validation', { field, params: { field } });
}

/** A training and its final exam (the exam must exist: import it first). */
export async function createTraining(
  ctx: AppContext,
  input: NewTraining,
  meta: { actorId: string | null; ip?: string | null },
): Promise<{ id: string; code: string }> {
  const code = input.code.trim();
  if (!IDENTIFIER.test(code)) invalid('code');
  const title = normalizeLocalized(input.title);
  const description = normalizeLocalized(input.description);
  if (!title.fr || title.fr.length > 200 || (title.en?.length ?? 0) > 200) invalid('title');
  if (!description.fr || description.fr.length > LIMITS.maxTextLength) invalid('description');
  if ((description.en?.length ?? 0) > LIMITS.maxTextLength) invalid('description');
  const validity = input.validityMonths ?? null;
  if (validity !== null && (!Number.isInteger(validity) || validity < 1 || validity > 600)) invalid('validityMonths');
  const exam = await repo.findExamByCode(ctx.db, input.examCode);
  if (!exam) throw new DomainError('unknown_exam', { field: 'exam', params: { code: input.examCode } });
  if (await repo.findTrainingByCode(ctx.db, code))
    throw new DomainError('training_code_taken', { field: 'code', params: { code } });
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertTraining(trx, {
      id,
      code,
      title: title.fr,
      title_en: title.en ?? null,
      description: description.fr,
      description_en: description.en ?? null,
      exam_id: exam.id,
      validity_months: validity,
      created_at: ctx.now().toISOString(),
    });
    await audit.record(ctx, trx, {
      action: 'training.created',
      actorId: meta.actorId,
      ip: meta.ip,
      payload: { trainingCode: code, examCode: exam.code },
    });
  });
  return { id, code };
}

export async function listTrainings(ctx: AppContext) {
  const rows = await repo.listTrainings(ctx.db);
  return rows.map((r) => ({ ...r, enrolments: Number(r.enrolments ?? 0) }));
}
