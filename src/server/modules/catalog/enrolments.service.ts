import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import type { Database } from '../../db/schema.js';
import { DomainError } from '../../errors.js';
import type { Lang } from '../../http/messages.js';
import { foldText } from '../../../shared/text.js';
import * as accounts from '../accounts/accounts.service.js';
import * as audit from '../audit/audit.service.js';
import * as servicePoints from '../service-points/service-points.service.js';
import * as repo from './catalog.repo.js';
import { parseCsv } from './csv.js';
import { utf8Text } from './files.js';
import { ProblemList, q } from './import-problems.js';

interface Meta {
  actorId: string | null;
  ip?: string | null;
}

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

async function insertAll(
  ctx: AppContext,
  trx: Transaction<Database>,
  rows: Resolved[],
  servicePointId: string,
  meta: Meta,
) {
  const now = ctx.now().toISOString();
  const ids: string[] = [];
  for (const r of rows) {
    const id = newId();
    await repo.insertEnrolment(trx, {
      id,
      user_id: r.userId,
      training_id: r.trainingId,
      service_point_id: servicePointId,
      status: 'in_training',
      created_at: now,
      updated_at: now,
    });
    await audit.record(ctx, trx, {
      action: 'enrolment.created',
      actorId: meta.actorId,
      subjectUserId: r.userId,
      servicePointId,
      ip: meta.ip,
      payload: { trainingCode: r.trainingCode },
    });
    ids.push(id);
  }
  return ids;
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

const HEADER_USER =
  /^(utilisateur|nom d.utilisateur|user|user ?name|username|login|courriel|e-?mail|apprenant|learner)$/;
const HEADER_TRAINING = /^(formation|code|code de (la )?formation|training|training code)$/;

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
  // A file's bytes must be UTF-8: read as such, a Latin-1 « Bélanger » became « B�langer », found nowhere.
  const text = typeof input.text === 'string' ? input.text : utf8Text(input.text);
  if (typeof text !== 'string') {
    problems.add(text.said, { line: text.line });
    problems.check(meta.lang ?? 'fr');
  }
  const rows = parseCsv(text as string);
  const first = rows[0];
  if (first && HEADER_USER.test(foldText(first.cells[0] ?? '')) && HEADER_TRAINING.test(foldText(first.cells[1] ?? '')))
    rows.shift();
  if (rows.length === 0)
    problems.add({ fr: 'le fichier ne contient aucune inscription.', en: 'the file holds no enrolment.' });

  const trainings = new Map<string, Awaited<ReturnType<typeof repo.findTrainingByCode>>>();
  const seen = new Map<string, number>();
  const resolved: Resolved[] = [];
  for (const { line, cells } of rows) {
    const [login = '', code = '', ...extra] = cells;
    if (!login || !code || extra.some(Boolean)) {
      problems.add(
        {
          fr: `deux colonnes attendues : nom d’utilisateur ou courriel, code de formation (lu : ${q(cells.join(' | '))}).`,
          en: `two columns expected: user name or e-mail, training code (read: ${q(cells.join(' | '))}).`,
        },
        { line },
      );
      continue;
    }
    const user = await accounts.findByLogin(ctx, login);
    if (!trainings.has(code)) trainings.set(code, await repo.findTrainingByCode(ctx.db, code));
    const training = trainings.get(code);
    if (!user)
      problems.add(
        {
          fr: `aucun compte n’a le nom d’utilisateur ou le courriel ${q(login)}.`,
          en: `no account has the user name or e-mail ${q(login)}.`,
        },
        { line },
      );
    if (!training)
      problems.add(
        { fr: `code de formation inconnu : ${q(code)}.`, en: `unknown training code: ${q(code)}.` },
        { line },
      );
    if (!user || !training) continue;
    const key = `${user.id} ${training.id}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.add(
        { fr: `même inscription qu’à la ligne ${earlier}.`, en: `same enrolment as on line ${earlier}.` },
        { line },
      );
      continue;
    }
    seen.set(key, line);
    if (await repo.findEnrolment(ctx.db, user.id, training.id)) {
      problems.add(
        {
          fr: `${q(user.username)} est déjà inscrit à la formation ${q(training.code)}.`,
          en: `${q(user.username)} is already enrolled in the training ${q(training.code)}.`,
        },
        { line },
      );
      continue;
    }
    resolved.push({ userId: user.id, login: user.username, trainingId: training.id, trainingCode: training.code });
  }
  problems.check(meta.lang ?? 'fr');
  await ctx.db.transaction().execute((trx) => insertAll(ctx, trx, resolved, sp.id, meta));
  return { enrolled: resolved.length };
}
