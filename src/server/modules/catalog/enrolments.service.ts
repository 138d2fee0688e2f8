import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import type { Database } from '../../db/schema.js';
import { DomainError } from '../../errors.js';
import type { Lang } from '../../http/messages.js';
import * as accounts from '../accounts/accounts.service.js';
import * as audit from '../audit/audit.service.js';
import * as servicePoints from '../service-points/service-points.service.js';
import * as adminRepo from './admin.repo.js';
import * as repo from './catalog.repo.js';
import { EVERY_SERVICE_POINT } from './admin-scope.js';
import { checkEnrolmentFile } from './enrolment-lines.js';
import { ProblemList } from './import-problems.js';

interface Resolved {
  userId: string;
  login: string;
  trainingId: string;
  trainingCode: string;
}

async function servicePointNamed(ctx: AppContext, name: string) {
  const sp = await servicePoints.servicePointByName(ctx, name);
  if (!sp) throw new DomainError('unknown_service_point', { field: 'servicePoint', params: { name } });
  return sp;
}

/** How an enrolment came in (said in its audit row). */
export type EnrolmentChannel = 'command_line' | 'administration' | 'import' | 'counter';

export interface Meta {
  actorId: string | null;
  ip?: string | null;
  via?: EnrolmentChannel;
}

/**
 * Inserts enrolments and their audit rows inside the caller's transaction (one statement each). The command
 * line enrols wherever it is told: the training is then offered at that service point (« Formations »).
 */
export async function insertAll(
  ctx: AppContext,
  trx: Transaction<Database>,
  rows: (Resolved & { servicePointId?: string })[],
  servicePointId: string | null,
  meta: Meta,
): Promise<string[]> {
  const now = ctx.now().toISOString();
  const placed = rows.map((r) => ({ ...r, id: newId(), sp: r.servicePointId ?? servicePointId! }));
  await adminRepo.insertEnrolments(
    trx,
    placed.map((r) => ({
      id: r.id,
      user_id: r.userId,
      training_id: r.trainingId,
      service_point_id: r.sp,
      status: 'in_training',
      created_at: now,
      updated_at: now,
    })),
  );
  if ((meta.via ?? 'command_line') === 'command_line') {
    const pairs = new Map(placed.map((r) => [`${r.trainingId} ${r.sp}`, r]));
    for (const r of pairs.values()) await adminRepo.addOfferings(trx, r.trainingId, [r.sp], now);
  }
  await audit.recordMany(
    ctx,
    trx,
    placed.map((r) => ({
      action: 'enrolment.created' as const,
      actorId: meta.actorId,
      subjectUserId: r.userId,
      servicePointId: r.sp,
      ip: meta.ip,
      payload: { trainingCode: r.trainingCode, via: meta.via ?? 'command_line' },
    })),
  );
  return placed.map((r) => r.id);
}

/**
 * Enrols one learner (by user name or e-mail) in a training (by code); the learner will take the exam at
 * the service point, whose operators then see them.
 */
export async function enrol(
  ctx: AppContext,
  input: { login: string; trainingCode: string; servicePointName: string },
  meta: Meta,
): Promise<string> {
  const sp = await servicePointNamed(ctx, input.servicePointName);
  const user = await accounts.findByLogin(ctx, input.login);
  if (!user) throw new DomainError('unknown_learner', { field: 'user', params: { login: input.login } });
  const training = await repo.findTrainingByCode(ctx.db, input.trainingCode);
  if (!training) throw new DomainError('unknown_training', { field: 'training', params: { code: input.trainingCode } });
  return enrolLearner(
    ctx,
    {
      userId: user.id,
      login: user.username,
      trainingId: training.id,
      trainingCode: training.code,
      servicePointId: sp.id,
    },
    meta,
  );
}

/** Enrols a learner known by id (the demo, the tests); a duplicate enrolment is refused. */
export async function enrolLearner(
  ctx: AppContext,
  r: Resolved & { servicePointId: string },
  meta: Meta,
): Promise<string> {
  const already = () =>
    new DomainError('already_enrolled', { field: 'training', params: { login: r.login, code: r.trainingCode } });
  if (await repo.findEnrolment(ctx.db, r.userId, r.trainingId)) throw already();
  try {
    const [id] = await ctx.db.transaction().execute((trx) => insertAll(ctx, trx, [r], r.servicePointId, meta));
    return id!;
  } catch (err) {
    // The unique (learner, training) index caught an enrolment made in the meantime.
    if (await repo.findEnrolment(ctx.db, r.userId, r.trainingId)) throw already();
    throw err;
  }
}

/**
 * Enrols from a CSV file: one row per enrolment, columns « user name or e-mail » and « training code »
 * (a header row is recognised and skipped). Every bad row is reported by its line number, and then
 * nothing is enrolled: the file goes in whole, in one transaction, or not at all.
 */
export async function enrolFromCsv(
  ctx: AppContext,
  input: { text: string | Uint8Array; fileName: string; servicePointName: string },
  meta: Meta & { lang?: Lang },
): Promise<{ enrolled: number }> {
  const sp = await servicePointNamed(ctx, input.servicePointName);
  const problems = new ProblemList(input.fileName);
  const checked = await checkEnrolmentFile(ctx, input.text, {
    servicePoint: { id: sp.id, name: sp.name },
    requireOffered: false,
    scope: EVERY_SERVICE_POINT,
  });
  if (checked.unreadable) {
    const { line, ...said } = checked.unreadable;
    problems.add(said, line === undefined ? {} : { line });
  }
  for (const l of checked.lines) for (const said of l.refused ?? []) problems.add(said, { line: l.line });
  problems.check(meta.lang ?? 'fr');
  const resolved = checked.lines.flatMap((l) => (l.enrolment ? [l.enrolment] : []));
  await ctx.db.transaction().execute((trx) => insertAll(ctx, trx, resolved, sp.id, meta));
  return { enrolled: resolved.length };
}
