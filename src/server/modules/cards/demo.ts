import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import type { Database } from '../../db/schema.js';
import type { ExamContent } from '../../../shared/exam.js';
import { recordPastAttempt } from '../attempts/attempts.service.js';
import { paperInOwnOrder } from '../attempts/paper.js';
import { enrolmentsAtServicePoint, examVersion, setEnrolmentStatus } from '../catalog/catalog.service.js';
import { storeSavedPhoto } from '../photos/saved-photos.js';
import { localDate, workstationsOf } from '../service-points/service-points.service.js';
import { issueCardIfPassed } from './cards.service.js';
import { drawnPortrait } from './portrait.js';

/**
 * The demo's card: one learner (Anne Roy, `aroy`) passed an exam twelve days ago at the demo service point, with
 * a saved ID photo (a drawn portrait: no real person's face), so « Mes formations », the verification page and the
 * administrators' print queue have something to show. Uses the first training (by code) of the catalogue's demo
 * she is enrolled in there; each table is written by its owner's service.
 */
const DEMO_CARD_LEARNER = 'aroy';

/**
 * The past attempt and its answers, as the exam would have left them. attempts/ has no writer for a finished
 * attempt yet (another helper is rewriting it, issue 15): until then these two inserts are the ownership test's
 * allow-listed exception.
 */
/** The demo's past attempt, every answer right, one a minute from its start. */
async function writePastAttempt(
  trx: Transaction<Database>,
  attempt: Database['attempts'],
  content: ExamContent,
  started: Date,
) {
  const answers = content.items.map((item, i) => ({
    attempt_id: attempt.id,
    item_id: item.id,
    // A text entry's key is its accepted answers (exam.ts TextEntry); every other key is written as a response.
    response: JSON.stringify(item.entry ? [String(item.entry.accepted[0])] : item.correct),
    flagged: 0 as const,
    seq: i + 1,
    saved_at: new Date(started.getTime() + (i + 1) * 60_000).toISOString(),
  }));
  await recordPastAttempt(trx, attempt, answers);
}

export async function loadCardsDemo(
  ctx: AppContext,
  demo: { servicePointId: string; operatorId: string; learners: { id: string; username: string }[] },
) {
  const learner = demo.learners.find((l) => l.username === DEMO_CARD_LEARNER);
  if (!learner) return null;
  const enrolment = (await enrolmentsAtServicePoint(ctx, learner.id, demo.servicePointId)).sort((a, b) =>
    a.training.code < b.training.code ? -1 : 1,
  )[0];
  if (!enrolment) return null;
  const [workstation] = await workstationsOf(ctx, demo.servicePointId);
  if (!workstation) return null;
  const version = await examVersion(ctx, enrolment.examVersionId);
  const jpeg = await drawnPortrait('a');
  const day = new Date(ctx.now().getTime() - 12 * 86400_000);
  const started = new Date(`${localDate(day, 'UTC')}T18:05:00.000Z`);
  const ended = new Date(started.getTime() + 21 * 60_000);
  const { content } = version;
  const paper = paperInOwnOrder(content);
  const points = content.items.reduce((sum, i) => sum + i.points, 0);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    await setEnrolmentStatus(ctx, trx, enrolment.enrolmentId, 'passed', now);
    await storeSavedPhoto(ctx, trx, {
      fileName: 'RoyAnne.jpg',
      userId: learner.id,
      servicePointId: demo.servicePointId,
      operatorId: demo.operatorId,
      jpeg,
      at: new Date(started.getTime() - 10 * 60_000),
    });
    const attemptId = newId();
    await writePastAttempt(
      trx,
      {
        id: attemptId,
        user_id: learner.id,
        enrolment_id: enrolment.enrolmentId,
        exam_id: enrolment.examId,
        exam_version_id: version.id,
        service_point_id: demo.servicePointId,
        workstation_id: workstation.id,
        state: 'submitted',
        authorized_by: demo.operatorId,
        authorized_at: new Date(started.getTime() - 5 * 60_000).toISOString(),
        authorized_for: localDate(started, 'America/Toronto'),
        cancelled_by: null,
        started_at: started.toISOString(),
        deadline_at: new Date(started.getTime() + version.durationMinutes * 60_000).toISOString(),
        ended_at: ended.toISOString(),
        ended_by: learner.id,
        items: JSON.stringify(paper),
        last_heartbeat_at: ended.toISOString(),
        paused_at: null,
        paused_ms: 0,
        extra_minutes: 0,
        added_minutes: 0,
        moved_at: null,
        score_points: points,
        max_points: points,
        percentage: 100,
        outcome: 'passed',
      },
      content,
      started,
    );
    return issueCardIfPassed(ctx, trx, attemptId);
  });
}
