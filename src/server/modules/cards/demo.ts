import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import type { Database } from '../../db/schema.js';
import type { AttemptPaper, ExamContent } from '../../../shared/exam.js';
import { localDate } from '../service-points/service-points.service.js';
import { issueCardIfPassed } from './cards.service.js';
import { drawnPortrait } from './portrait.js';

/**
 * The demo's card: one learner (Anne Roy, `aroy`) passed an exam twelve days ago at the demo service point, with
 * a saved ID photo (a drawn portrait: no real person's face), so « Mes formations », the verification page and the
 * administrators' print queue have something to show. Uses the first training with an exam; creates a minimal one
 * only when the catalogue has none yet.
 */
export const DEMO_CARD_LEARNER = 'aroy';

const DEMO_CONTENT: ExamContent = {
  items: [
    {
      id: 'q1',
      type: 'single',
      stem: {
        fr: 'Quelle est la couleur des panneaux de travaux routiers au Québec ?',
        en: 'What colour are road work signs in Quebec?',
      },
      choices: [
        { id: 'a', text: { fr: 'Orange', en: 'Orange' } },
        { id: 'b', text: { fr: 'Vert', en: 'Green' } },
        { id: 'c', text: { fr: 'Bleu', en: 'Blue' } },
      ],
      correct: ['a'],
      points: 1,
    },
    {
      id: 'q2',
      type: 'true_false',
      stem: { fr: 'Le signaleur porte un dossard haute visibilité.', en: 'The flagger wears a high-visibility vest.' },
      choices: [
        { id: 'true', text: { fr: 'Vrai', en: 'True' } },
        { id: 'false', text: { fr: 'Faux', en: 'False' } },
      ],
      correct: ['true'],
      points: 1,
    },
    {
      id: 'q3',
      type: 'multiple',
      scoring: 'all_or_nothing',
      stem: { fr: 'Équipements de protection obligatoires ?', en: 'Mandatory protective equipment?' },
      choices: [
        { id: 'a', text: { fr: 'Casque', en: 'Hard hat' } },
        { id: 'b', text: { fr: 'Bottes de sécurité', en: 'Safety boots' } },
        { id: 'c', text: { fr: 'Parapluie', en: 'Umbrella' } },
      ],
      correct: ['a', 'b'],
      points: 2,
    },
  ],
};

async function demoTraining(trx: Transaction<Database>, now: string) {
  const existing = await trx
    .selectFrom('trainings as t')
    .innerJoin('exams as e', 'e.id', 't.exam_id')
    .select(['t.id', 'e.id as exam_id', 'e.current_version_id'])
    .where('e.current_version_id', 'is not', null)
    .orderBy('t.code')
    .executeTakeFirst();
  if (existing?.current_version_id)
    return { trainingId: existing.id, examId: existing.exam_id, versionId: existing.current_version_id };
  const examId = newId();
  const versionId = newId();
  const trainingId = newId();
  await trx
    .insertInto('exams')
    .values({ id: examId, code: 'DEMO-SIG', current_version_id: versionId, created_at: now })
    .execute();
  await trx
    .insertInto('exam_versions')
    .values({
      id: versionId,
      exam_id: examId,
      version: 1,
      title: 'Examen — Signalisation des travaux routiers',
      title_en: 'Exam — Road work signalling',
      duration_minutes: 30,
      passing_mark: 75,
      draw_count: null,
      shuffle_items: 0,
      shuffle_choices: 0,
      content: JSON.stringify(DEMO_CONTENT),
      created_at: now,
    })
    .execute();
  await trx
    .insertInto('trainings')
    .values({
      id: trainingId,
      code: 'DEMO-SIG',
      title: 'Signalisation des travaux routiers',
      title_en: 'Road work signalling',
      description: 'Formation de démonstration : signalisation et protection des chantiers routiers.',
      description_en: 'Demo training: signalling and protecting road work sites.',
      exam_id: examId,
      validity_months: 36,
      created_at: now,
    })
    .execute();
  return { trainingId, examId, versionId };
}

/** Stores a saved, cropped ID photo as the photos module does (encrypted at rest, kept until its retention date). */
export async function storeSavedPhoto(
  ctx: AppContext,
  trx: Transaction<Database>,
  opts: { userId: string; servicePointId: string; operatorId: string; jpeg: Buffer; at: Date; fileName?: string },
) {
  const id = newId();
  const at = opts.at.toISOString();
  await trx
    .insertInto('photos')
    .values({
      id,
      user_id: opts.userId,
      state: 'saved',
      file_name: opts.fileName ?? 'Portrait.jpg',
      original_enc: null,
      original_width: 413,
      original_height: 531,
      cropped_enc: ctx.secrets.encrypt(opts.jpeg),
      crop: JSON.stringify({ x: 0, y: 0, width: 413, height: 531 }),
      checks: null,
      checklist: null,
      override_reason: null,
      uploaded_by: opts.operatorId,
      service_point_id: opts.servicePointId,
      created_at: at,
      saved_at: at,
      retain_until: new Date(opts.at.getTime() + ctx.config.photoRetentionDays * 86400_000).toISOString(),
    })
    .execute();
  return id;
}

export async function loadCardsDemo(
  ctx: AppContext,
  demo: { servicePointId: string; operatorId: string; learners: { id: string; username: string }[] },
) {
  const learner = demo.learners.find((l) => l.username === DEMO_CARD_LEARNER);
  if (!learner) return null;
  const jpeg = await drawnPortrait('a');
  const day = new Date(ctx.now().getTime() - 12 * 86400_000);
  const started = new Date(`${localDate(day, 'UTC')}T18:05:00.000Z`);
  const ended = new Date(started.getTime() + 21 * 60_000);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    const t = await demoTraining(trx, now);
    const workstation = await trx
      .selectFrom('workstations')
      .select('id')
      .where('service_point_id', '=', demo.servicePointId)
      .orderBy('name')
      .executeTakeFirstOrThrow();
    const enrolled = await trx
      .selectFrom('enrolments')
      .select('id')
      .where('user_id', '=', learner.id)
      .where('training_id', '=', t.trainingId)
      .executeTakeFirst();
    const enrolmentId = enrolled?.id ?? newId();
    if (enrolled)
      await trx
        .updateTable('enrolments')
        .set({ status: 'passed', updated_at: now })
        .where('id', '=', enrolmentId)
        .execute();
    else
      await trx
        .insertInto('enrolments')
        .values({
          id: enrolmentId,
          user_id: learner.id,
          training_id: t.trainingId,
          service_point_id: demo.servicePointId,
          status: 'passed',
          created_at: new Date(started.getTime() - 30 * 86400_000).toISOString(),
          updated_at: now,
        })
        .execute();

    const version = await trx
      .selectFrom('exam_versions')
      .select(['content', 'duration_minutes'])
      .where('id', '=', t.versionId)
      .executeTakeFirstOrThrow();
    const content = JSON.parse(version.content) as ExamContent;
    const paper: AttemptPaper = {
      items: content.items.map((i) => ({ id: i.id, choiceOrder: i.choices.map((c) => c.id) })),
    };
    const points = content.items.reduce((sum, i) => sum + i.points, 0);
    const attemptId = newId();
    await storeSavedPhoto(ctx, trx, {
      fileName: 'RoyAnne.jpg',
      userId: learner.id,
      servicePointId: demo.servicePointId,
      operatorId: demo.operatorId,
      jpeg,
      at: new Date(started.getTime() - 10 * 60_000),
    });
    await trx
      .insertInto('attempts')
      .values({
        id: attemptId,
        user_id: learner.id,
        enrolment_id: enrolmentId,
        exam_id: t.examId,
        exam_version_id: t.versionId,
        service_point_id: demo.servicePointId,
        workstation_id: workstation.id,
        state: 'submitted',
        authorized_by: demo.operatorId,
        authorized_at: new Date(started.getTime() - 5 * 60_000).toISOString(),
        authorized_for: localDate(started, 'America/Toronto'),
        cancelled_by: null,
        started_at: started.toISOString(),
        deadline_at: new Date(started.getTime() + version.duration_minutes * 60_000).toISOString(),
        ended_at: ended.toISOString(),
        ended_by: learner.id,
        items: JSON.stringify(paper),
        last_heartbeat_at: ended.toISOString(),
        score_points: points,
        max_points: points,
        percentage: 100,
        outcome: 'passed',
      })
      .execute();
    for (const [i, item] of content.items.entries())
      await trx
        .insertInto('answers')
        .values({
          attempt_id: attemptId,
          item_id: item.id,
          response: JSON.stringify(item.correct),
          flagged: 0,
          seq: i + 1,
          saved_at: new Date(started.getTime() + (i + 1) * 60_000).toISOString(),
        })
        .execute();
    return issueCardIfPassed(ctx, trx, attemptId);
  });
}
