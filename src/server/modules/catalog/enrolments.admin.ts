import { localized } from '../../../shared/api/common.js';
import type { AppContext } from '../../context.js';
import { DomainError, notFound } from '../../errors.js';
import { foldText } from '../../../shared/text.js';
import { formatUserCode, parseUserCode } from '../accounts/user-code.js';
import * as audit from '../audit/audit.service.js';
import * as adminRepo from './admin.repo.js';
import * as listRepo from './enrolment-list.repo.js';
import type { EnrolmentSort } from './enrolment-list.repo.js';
import { inScope, type CatalogScope } from './admin-scope.js';
import { checkEnrolmentFile, type CheckedLine } from './enrolment-lines.js';
import { insertAll, type Meta } from './enrolments.service.js';
import * as repo from './catalog.repo.js';
import { importRefused } from './import-problems.js';
import type { Lang } from '../../http/messages.js';

/**
 * « Inscriptions »: the enrolments an administration scope may see (every service point for an administrator),
 * one enrolment at a time, unenrolment, and the CSV import with its preview. Every write is audited in its
 * transaction; a service point outside the scope answers like one that does not exist.
 */
export const ENROLMENTS_PAGE = 50;

const nameOf = (r: { first_name: string | null; last_name: string | null }) =>
  [r.first_name, r.last_name].filter(Boolean).join(' ');

function searchOf(q: string) {
  const query = q.trim();
  const userCode = parseUserCode(query) ?? undefined;
  return userCode ? { userCode, words: [] } : { words: foldText(query).split(/\s+/).filter(Boolean).slice(0, 4) };
}

export async function listEnrolments(
  ctx: AppContext,
  scope: CatalogScope,
  f: { q: string; servicePointId?: string; trainingId?: string; sort: EnrolmentSort; desc: boolean; page: number },
) {
  // Another point's enrolments are asked for by its id: answered like a point that does not exist.
  if (f.servicePointId && !inScope(scope, f.servicePointId)) throw notFound();
  const rows = await listRepo.listEnrolments(ctx.db, {
    scope,
    servicePointId: f.servicePointId,
    trainingId: f.trainingId,
    ...searchOf(f.q),
    sort: f.sort,
    desc: f.desc,
    offset: (f.page - 1) * ENROLMENTS_PAGE,
    limit: ENROLMENTS_PAGE + 1,
    sqlite: ctx.dbKind === 'sqlite',
  });
  return {
    enrolments: rows.slice(0, ENROLMENTS_PAGE).map((r) => ({
      id: r.id,
      status: r.status,
      createdAt: r.created_at,
      learner: { id: r.user_id, name: nameOf(r), email: r.email, userCode: formatUserCode(r.user_code) },
      training: { id: r.training_id, code: r.training_code, title: localized(r.training_title, r.training_title_en) },
      servicePoint: { id: r.service_point_id, name: r.service_point_name },
    })),
    page: f.page,
    hasMore: rows.length > ENROLMENTS_PAGE,
  };
}

/** The caller's service points, and the trainings offered at them (each with where, within the scope). */
export async function enrolmentOptions(ctx: AppContext, scope: CatalogScope) {
  const [servicePoints, offerings] = await Promise.all([
    adminRepo.allServicePoints(ctx.db),
    adminRepo.offeringsIn(ctx.db, scope),
  ]);
  const trainings = new Map<
    string,
    { id: string; code: string; title: { fr: string; en?: string }; servicePoints: { id: string; name: string }[] }
  >();
  for (const o of offerings) {
    let t = trainings.get(o.id);
    if (!t) {
      t = {
        id: o.id,
        code: o.code,
        title: o.title_en ? { fr: o.title, en: o.title_en } : { fr: o.title },
        servicePoints: [],
      };
      trainings.set(o.id, t);
    }
    t.servicePoints.push({ id: o.service_point_id, name: o.service_point_name });
  }
  return {
    servicePoints: servicePoints.filter((sp) => inScope(scope, sp.id)),
    trainings: [...trainings.values()],
  };
}

/** Accounts to enrol: an exact user code, or name and e-mail prefixes (ten at most). */
export async function findLearners(ctx: AppContext, q: string) {
  const s = searchOf(q);
  if (!s.userCode && s.words.length === 0) return [];
  const rows = await adminRepo.findAccounts(ctx.db, { ...s, limit: 10 });
  return rows.map((r) => ({ id: r.id, name: nameOf(r), email: r.email, userCode: formatUserCode(r.user_code) }));
}

export async function enrolOne(
  ctx: AppContext,
  scope: CatalogScope,
  input: { learnerId: string; trainingId: string; servicePointId: string },
  meta: Meta,
) {
  const [learner, training, servicePoints] = await Promise.all([
    adminRepo.findAccount(ctx.db, input.learnerId),
    adminRepo.findTraining(ctx.db, input.trainingId),
    adminRepo.allServicePoints(ctx.db),
  ]);
  const sp = servicePoints.find((s) => s.id === input.servicePointId && inScope(scope, s.id));
  if (!learner) throw new DomainError('validation', { field: 'learnerId', params: { field: 'learnerId' } });
  if (!training) throw new DomainError('validation', { field: 'trainingId', params: { field: 'trainingId' } });
  if (!sp) throw new DomainError('validation', { field: 'servicePointId', params: { field: 'servicePointId' } });
  const offered = await adminRepo.offeringPairs(ctx.db, [training.id]);
  if (!offered.some((o) => o.service_point_id === sp.id))
    throw new DomainError('training_not_offered', {
      field: 'servicePointId',
      params: { code: training.code, name: sp.name },
    });
  const already = () =>
    new DomainError('already_enrolled', {
      field: 'trainingId',
      params: { login: learner.username, code: training.code },
    });
  if (await repo.findEnrolment(ctx.db, learner.id, training.id)) throw already();
  const row = { userId: learner.id, login: learner.username, trainingId: training.id, trainingCode: training.code };
  try {
    const [id] = await ctx.db.transaction().execute((trx) => insertAll(ctx, trx, [row], sp.id, meta));
    return { id: id! };
  } catch (err) {
    // The unique (learner, training) index caught an enrolment made in the meantime.
    if (await repo.findEnrolment(ctx.db, learner.id, training.id)) throw already();
    throw err;
  }
}

/** « Désinscrire »: only an enrolment with no exam yet (one with an attempt is history, and stays). */
export async function unenrol(ctx: AppContext, scope: CatalogScope, enrolmentId: string, meta: Meta) {
  const e = await adminRepo.findEnrolment(ctx.db, enrolmentId, scope);
  if (!e) throw notFound();
  await ctx.db.transaction().execute(async (trx) => {
    if (e.status !== 'in_training' || (await adminRepo.hasAttempts(trx, e.id)))
      throw new DomainError('enrolment_has_history');
    if (!(await adminRepo.deleteEnrolment(trx, e.id))) throw new DomainError('enrolment_has_history');
    await audit.record(ctx, trx, {
      action: 'enrolment.removed',
      actorId: meta.actorId,
      subjectUserId: e.user_id,
      servicePointId: e.service_point_id,
      ip: meta.ip,
      payload: { trainingCode: e.training_code },
    });
  });
}

function lineView(l: CheckedLine) {
  return {
    line: l.line,
    cells: l.cells,
    outcome: l.refused ? ('refused' as const) : ('enrol' as const),
    reasons: l.refused ?? [],
    enrolment: l.enrolment
      ? {
          learner: { name: l.enrolment.name, userCode: formatUserCode(l.enrolment.userCode) },
          trainingCode: l.enrolment.trainingCode,
          servicePoint: l.enrolment.servicePointName,
        }
      : null,
  };
}

export interface EnrolmentFile {
  fileName: string;
  bytes: Uint8Array;
  lang: Lang;
}

async function checkFile(ctx: AppContext, scope: CatalogScope, file: EnrolmentFile) {
  const checked = await checkEnrolmentFile(ctx, file.bytes, { requireOffered: true, scope });
  if (checked.unreadable) {
    // The same refusal as the command line's (« lot.csv, ligne 2 : le fichier n’est pas en UTF-8… »).
    const { line, ...said } = checked.unreadable;
    const refused = importRefused(
      [{ file: file.fileName, ...(line === undefined ? {} : { line }), ...said }],
      file.lang,
    );
    // The field is the file's content (every 400 names one).
    throw new DomainError(refused.code, { ...refused.opts, field: 'content' });
  }
  return checked.lines;
}

/** The preview: each line's outcome, nothing written. */
export async function previewImport(ctx: AppContext, scope: CatalogScope, file: EnrolmentFile) {
  const lines = await checkFile(ctx, scope, file);
  return {
    lines: lines.map(lineView),
    accepted: lines.filter((l) => !l.refused).length,
    refused: lines.filter((l) => l.refused).length,
  };
}

/**
 * « Importer »: the file is checked again (things may have changed since the preview), the accepted lines are
 * enrolled in one transaction, and the refused lines come back for the report.
 */
export async function importFile(ctx: AppContext, scope: CatalogScope, file: EnrolmentFile, meta: Meta) {
  const lines = await checkFile(ctx, scope, file);
  const accepted = lines.flatMap((l) => (l.enrolment ? [l.enrolment] : []));
  const refused = lines.filter((l) => l.refused);
  await ctx.db.transaction().execute(async (trx) => {
    await insertAll(ctx, trx, accepted, null, { ...meta, via: 'import' });
    await audit.record(ctx, trx, {
      action: 'enrolment.imported',
      actorId: meta.actorId,
      ip: meta.ip,
      payload: { fileName: file.fileName, enrolled: accepted.length, refused: refused.length },
    });
  });
  return { enrolled: accepted.length, refused: refused.map(lineView) };
}
