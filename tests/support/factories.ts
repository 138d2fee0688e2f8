import type { AppContext } from '../../src/server/context.js';
import { newId } from '../../src/server/crypto.js';
import type { EnrolmentStatus } from '../../src/server/db/schema.js';
import { localDate } from '../../src/server/modules/service-points/service-points.service.js';
import type { ExamContent } from '../../src/shared/exam.js';
import * as accounts from '../../src/server/modules/accounts/accounts.service.js';
import * as servicePoints from '../../src/server/modules/service-points/service-points.service.js';

export const PASSWORD = 'vigie-demo-2026';
let n = 0;
const uniq = () => `${process.pid}${++n}${Math.random().toString(36).slice(2, 6)}`;

/** A learner with the four registration steps complete. */
export async function makeLearner(
  ctx: AppContext,
  over: { firstName?: string; lastName?: string; username?: string } = {},
) {
  const username = over.username ?? `learner${uniq()}`;
  const created = await accounts.createAccount(ctx, {
    username,
    email: `${username}@example.test`,
    password: PASSWORD,
    firstName: over.firstName ?? 'Marie',
    lastName: over.lastName ?? 'Tremblay',
    language: 'fr',
    membershipType: 'individual',
  });
  return { ...created, username };
}

export async function makeServicePoint(ctx: AppContext, name = `Point ${uniq()}`, workstations = 2) {
  const id = await servicePoints.createServicePoint(ctx, { name, address: '1 rue Test, Québec', workstations });
  const ws = await servicePoints.workstationsOf(ctx, id);
  return { id, name, workstations: ws };
}

export async function makeOperator(ctx: AppContext, servicePointId: string) {
  const learner = await makeLearner(ctx, { firstName: 'Olivier', lastName: 'Opérateur', username: `op${uniq()}` });
  await servicePoints.grantOperator(ctx, null, learner.id, servicePointId);
  return learner;
}

/** A « Gestionnaire de point de service » of one service point. */
export async function makeManager(ctx: AppContext, servicePointId: string) {
  const learner = await makeLearner(ctx, { firstName: 'Gaëlle', lastName: 'Gestionnaire', username: `mgr${uniq()}` });
  await servicePoints.grantRole(ctx, null, 'manager', learner.id, servicePointId);
  return learner;
}

export async function makeAdmin(ctx: AppContext) {
  const username = `admin${uniq()}`;
  const created = await accounts.createAccount(ctx, {
    username,
    email: `${username}@example.test`,
    password: PASSWORD,
    firstName: 'Ada',
    lastName: 'Admin',
    isAdmin: true,
    language: 'fr',
    membershipType: 'none',
  });
  return { ...created, username };
}

/** A small exam (5 items: single, multiple both policies, true/false), its training, both stored directly. */
export function sampleContent(): ExamContent {
  return {
    items: [
      {
        id: 'q1',
        type: 'single',
        stem: { fr: 'Couleur du panneau d’arrêt ?' },
        choices: [
          { id: 'a', text: { fr: 'Rouge' } },
          { id: 'b', text: { fr: 'Vert' } },
          { id: 'c', text: { fr: 'Bleu' } },
        ],
        correct: ['a'],
        points: 1,
      },
      {
        id: 'q2',
        type: 'true_false',
        stem: { fr: 'Le signaleur porte un dossard.' },
        choices: [
          { id: 'true', text: { fr: 'Vrai' } },
          { id: 'false', text: { fr: 'Faux' } },
        ],
        correct: ['true'],
        points: 1,
      },
      {
        id: 'q3',
        type: 'multiple',
        scoring: 'all_or_nothing',
        stem: { fr: 'Équipements obligatoires ?' },
        choices: [
          { id: 'a', text: { fr: 'Casque' } },
          { id: 'b', text: { fr: 'Dossard' } },
          { id: 'c', text: { fr: 'Parapluie' } },
        ],
        correct: ['a', 'b'],
        points: 2,
      },
      {
        id: 'q4',
        type: 'multiple',
        scoring: 'partial',
        stem: { fr: 'Panneaux de chantier ?' },
        choices: [
          { id: 'a', text: { fr: 'Losange orange' } },
          { id: 'b', text: { fr: 'Travaux' } },
          { id: 'c', text: { fr: 'Stationnement' } },
          { id: 'd', text: { fr: 'Signaleur' } },
        ],
        correct: ['a', 'b', 'd'],
        points: 3,
      },
      {
        id: 'q5',
        type: 'single',
        stem: { fr: 'Distance minimale ?' },
        choices: [
          { id: 'a', text: { fr: '10 m' } },
          { id: 'b', text: { fr: '50 m' } },
        ],
        correct: ['b'],
        points: 1,
      },
    ],
  };
}

export async function makeTraining(
  ctx: AppContext,
  opts: {
    content?: ExamContent;
    durationMinutes?: number;
    passingMark?: number;
    drawCount?: number | null;
    validityMonths?: number | null;
  } = {},
) {
  const now = ctx.now().toISOString();
  const examId = newId();
  const versionId = newId();
  const trainingId = newId();
  const code = `T${uniq()}`.toUpperCase();
  await ctx.db
    .insertInto('exams')
    .values({ id: examId, code: `EX-${code}`, current_version_id: versionId, created_at: now })
    .execute();
  await ctx.db
    .insertInto('exam_versions')
    .values({
      id: versionId,
      exam_id: examId,
      version: 1,
      title: `Examen ${code}`,
      title_en: null,
      duration_minutes: opts.durationMinutes ?? 30,
      passing_mark: opts.passingMark ?? 80,
      draw_count: opts.drawCount ?? null,
      shuffle_items: 0,
      shuffle_choices: 0,
      content: JSON.stringify(opts.content ?? sampleContent()),
      created_at: now,
    })
    .execute();
  await ctx.db
    .insertInto('trainings')
    .values({
      id: trainingId,
      code,
      title: `Formation ${code}`,
      title_en: null,
      description: 'Formation de test',
      description_en: null,
      exam_id: examId,
      validity_months: opts.validityMonths ?? null,
      created_at: now,
    })
    .execute();
  return { trainingId, examId, versionId, code };
}

export async function enrol(
  ctx: AppContext,
  userId: string,
  trainingId: string,
  servicePointId: string,
  status: EnrolmentStatus = 'in_training',
) {
  const id = newId();
  const now = ctx.now().toISOString();
  await ctx.db
    .insertInto('enrolments')
    .values({
      id,
      user_id: userId,
      training_id: trainingId,
      service_point_id: servicePointId,
      status,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** An authorization for today, stored directly (the desk's authorizeExam is the real way in). */
export async function makeAuthorizedAttempt(
  ctx: AppContext,
  opts: {
    userId: string;
    enrolmentId: string;
    examId: string;
    versionId: string;
    servicePointId: string;
    workstationId: string;
    operatorId: string;
  },
) {
  const id = newId();
  const now = ctx.now();
  await ctx.db
    .insertInto('attempts')
    .values({
      id,
      user_id: opts.userId,
      enrolment_id: opts.enrolmentId,
      exam_id: opts.examId,
      exam_version_id: opts.versionId,
      service_point_id: opts.servicePointId,
      workstation_id: opts.workstationId,
      state: 'authorized',
      authorized_by: opts.operatorId,
      authorized_at: now.toISOString(),
      authorized_for: localDate(now, 'America/Toronto'),
      cancelled_by: null,
      started_at: null,
      deadline_at: null,
      ended_at: null,
      ended_by: null,
      items: null,
      last_heartbeat_at: null,
      paused_at: null,
      paused_ms: 0,
      extra_minutes: 0,
      added_minutes: 0,
      moved_at: null,
      score_points: null,
      max_points: null,
      percentage: null,
      outcome: null,
    })
    .execute();
  await ctx.db
    .updateTable('enrolments')
    .set({ status: 'exam_authorized' })
    .where('id', '=', opts.enrolmentId)
    .execute();
  return id;
}

/**
 * Everything up to an authorized exam: a service point with workstations, an operator, a learner enrolled
 * there in a training with the sample exam, and an authorization at workstation 1.
 */
export async function makeAuthorizedScene(ctx: AppContext, opts: Parameters<typeof makeTraining>[1] = {}) {
  const sp = await makeServicePoint(ctx);
  const operator = await makeOperator(ctx, sp.id);
  const learner = await makeLearner(ctx);
  const training = await makeTraining(ctx, opts);
  const enrolmentId = await enrol(ctx, learner.id, training.trainingId, sp.id);
  const attemptId = await makeAuthorizedAttempt(ctx, {
    userId: learner.id,
    enrolmentId,
    examId: training.examId,
    versionId: training.versionId,
    servicePointId: sp.id,
    workstationId: sp.workstations[0]!.id,
    operatorId: operator.id,
  });
  return { sp, operator, learner, training, enrolmentId, attemptId };
}

/** Marks identity confirmed and a photo saved, stored directly (the identity and photo modules are the real way). */
export async function markReady(ctx: AppContext, learnerId: string, servicePointId: string, operatorId: string) {
  const now = ctx.now().toISOString();
  await ctx.db
    .insertInto('identity_checks')
    .values({
      id: newId(),
      user_id: learnerId,
      document_type: 'health',
      number_masked: '•••• •••• ••13',
      number_hmac: ctx.secrets.hmac('hmac-identity', `TREM85572313-${learnerId}`),
      date_of_birth_enc: ctx.secrets.encryptText('1985-07-23'),
      warnings: '[]',
      override_reason: null,
      checked_by: operatorId,
      service_point_id: servicePointId,
      checked_at: now,
    })
    .execute();
  await ctx.db
    .insertInto('photos')
    .values({
      id: newId(),
      user_id: learnerId,
      state: 'saved',
      file_name: 'TremblayMarie',
      original_enc: null,
      original_width: 413,
      original_height: 531,
      cropped_enc: ctx.secrets.encrypt(Buffer.from('not a real jpeg')),
      crop: null,
      checks: null,
      checklist: null,
      override_reason: null,
      uploaded_by: operatorId,
      service_point_id: servicePointId,
      created_at: now,
      saved_at: now,
      retain_until: null,
    })
    .execute();
}
