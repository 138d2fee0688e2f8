import type { AppContext } from '../../context.js';
import { notFound } from '../../errors.js';
import type { EndedState, OpenState } from '../../../shared/attempt-states.js';
import type { ExamContent, LocalizedText } from '../../../shared/exam.js';
import * as repo from './catalog.repo.js';
import type { TrainingPage, TrainingSummary } from './catalog.schemas.js';
import { questionCount } from './exam-definition.js';

const text = (fr: string, en: string | null): LocalizedText => (en ? { fr, en } : { fr });

type Row = NonNullable<Awaited<ReturnType<typeof repo.learnerTraining>>>;

function summary(r: Row): TrainingSummary {
  return {
    id: r.training_id,
    code: r.code,
    title: text(r.title, r.title_en),
    status: r.status,
    servicePoint: { name: r.service_point_name, address: r.service_point_address, timeZone: r.time_zone },
    workstation: r.workstation_name ?? null,
  };
}

/** « Mes formations »: the learner's trainings and where each stands. */
export async function myTrainings(ctx: AppContext, userId: string): Promise<TrainingSummary[]> {
  return (await repo.learnerTrainings(ctx.db, userId)).map(summary);
}

/**
 * « Temps supplémentaire accordé »: the learner's extra time in force today, the day of their first training's
 * service point (an accommodation holds at every service point; the desk applies it at « Commencer »).
 */
export async function extraTime(ctx: AppContext, userId: string, trainings: TrainingSummary[]) {
  const timeZone = trainings[0]?.servicePoint.timeZone ?? 'UTC';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(ctx.now());
  return (await repo.extraTimeOf(ctx.db, userId, today)).flatMap((r) =>
    r.kind === 'separate_room' ? [] : [{ kind: r.kind, minutes: r.minutes, validUntil: r.valid_until }],
  );
}

/**
 * A training's page for its learner: what the exam is like, the learner's past results and the attempt
 * an operator opened for them, if any. A training the learner is not enrolled in does not exist for them.
 */
export async function trainingPage(ctx: AppContext, userId: string, trainingId: string): Promise<TrainingPage> {
  const r = await repo.learnerTraining(ctx.db, userId, trainingId);
  if (!r) throw notFound();
  const [finished, open] = await Promise.all([
    repo.finishedAttempts(ctx.db, userId, r.enrolment_id),
    repo.openAttempt(ctx.db, userId, r.enrolment_id),
  ]);
  let exam: TrainingPage['exam'] = null;
  if (r.exam_title !== null && r.content !== null) {
    // Only the number of items is read from the content; nothing of it is sent.
    const content = JSON.parse(r.content) as ExamContent;
    exam = {
      title: text(r.exam_title, r.exam_title_en),
      durationMinutes: r.duration_minutes!,
      questionCount: questionCount({ drawCount: r.draw_count, content }),
      passingMark: r.passing_mark!,
    };
  }
  return {
    ...summary(r),
    description: text(r.description, r.description_en),
    exam,
    results: finished.map((a) => ({
      attemptId: a.id,
      date: a.ended_at ?? a.started_at,
      state: a.state as EndedState,
      // Stored already truncated to 2 decimals by the scoring engine; the float column may add noise.
      percentage: a.percentage === null ? null : Math.round(a.percentage * 100) / 100,
      outcome: a.outcome,
    })),
    openAttempt: open ? { id: open.id, state: open.state as OpenState } : null,
  };
}
