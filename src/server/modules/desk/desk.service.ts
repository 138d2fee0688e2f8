import { localized } from '../../../shared/api/common.js';
import type { AppContext } from '../../context.js';
import { isOpen } from '../../../shared/attempt-states.js';
import type { LearnerListReply } from '../../../shared/api/desk.js';
import { searchWords } from '../../../shared/text.js';
import { notFound } from '../../errors.js';
import { formatUserCode, parseUserCode } from '../accounts/user-code.js';
import { cardStatusFor } from '../cards/cards.service.js';
import { identityStatus } from '../identity/identity.service.js';
import { photoStatus } from '../photos/saved-photos.js';
import * as servicePoints from '../service-points/service-points.service.js';
import * as repo from './desk.repo.js';
import { occupantName, occupantsAt } from './workstation-occupancy.js';
import { accommodationsOf } from './accommodations.service.js';
import { irregularitiesOf } from './irregularities.service.js';

const PAGE_SIZE = 25;

/** One row of « Liste des apprenants »: the reply's own type (src/shared/api/desk.ts). */
type LearnerRow = LearnerListReply['learners'][number];

/**
 * « Liste des apprenants »: learners in a training process at the service point, by name; `q` is a first
 * name, last name (prefixes, any case, accents or punctuation), a part of the e-mail, or a user code (exact, with or without its dash).
 * Pages are fetched one row long to know whether another page follows, without counting the whole set.
 */
export async function listLearners(ctx: AppContext, servicePointId: string, q: string, page: number) {
  const offset = (page - 1) * PAGE_SIZE;
  const query = q.trim();
  let rows: Awaited<ReturnType<typeof repo.searchLearners>> = [];
  const code = parseUserCode(query);
  if (code)
    rows = await repo.searchLearners(ctx.db, { servicePointId, userCode: code, words: [], offset: 0, limit: 2 });
  if (!code || rows.length === 0) {
    const words = searchWords(query).slice(0, 4);
    rows = await repo.searchLearners(ctx.db, { servicePointId, words, offset, limit: PAGE_SIZE + 1 });
  }
  const hasMore = rows.length > PAGE_SIZE;
  const pageRows = rows.slice(0, PAGE_SIZE);
  const enrolments = await repo.openEnrolmentsOf(
    ctx.db,
    pageRows.map((r) => r.id),
    servicePointId,
  );
  const learners: LearnerRow[] = pageRows.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    userCode: formatUserCode(r.user_code),
    trainings: enrolments
      .filter((e) => e.user_id === r.id)
      .map((e) => ({ title: localized(e.title, e.title_en), code: e.code, status: e.status })),
  }));
  return { learners, page, hasMore };
}

/** « Fiche de l'apprenant »: who, enrolments and exam history at this service point, and what can be authorized. */
export async function learnerFile(ctx: AppContext, learnerId: string, servicePointId: string) {
  const l = await repo.learner(ctx.db, learnerId);
  if (!l) throw notFound();
  const [enrolments, attempts, workstations, occupants, ready, sp, cards, irregularities] = await Promise.all([
    repo.enrolmentsAt(ctx.db, learnerId, servicePointId),
    repo.attemptsAt(ctx.db, learnerId, servicePointId),
    repo.workstationsAt(ctx.db, servicePointId),
    occupantsAt(ctx.db, servicePointId),
    readiness(ctx, learnerId, servicePointId),
    servicePoints.servicePoint(ctx, servicePointId),
    cardStatusFor(ctx, learnerId),
    irregularitiesOf(ctx, learnerId, servicePointId),
  ]);
  const accommodations = await accommodationsOf(ctx, learnerId, servicePoints.localDate(ctx.now(), sp.time_zone));
  const openExamIds = new Set(attempts.filter((a) => isOpen(a.state)).map((a) => a.exam_id));
  // A failed exam may be taken again (a retake): offered here, its rules checked at « Autoriser l'examen ».
  const authorizable = enrolments
    .filter(
      (e) =>
        e.exam_id &&
        e.version_id &&
        (repo.OPEN_ENROLMENT.includes(e.status) || e.status === 'failed') &&
        !openExamIds.has(e.exam_id),
    )
    .map((e) => ({
      examId: e.exam_id!,
      title: localized(e.exam_title ?? '', e.exam_title_en),
      trainingTitle: localized(e.training_title, e.training_title_en),
      retake: e.status === 'failed',
    }));
  return {
    learner: {
      id: l.id,
      firstName: l.first_name,
      lastName: l.last_name,
      email: l.email,
      userCode: formatUserCode(l.user_code),
      username: l.username,
    },
    servicePoint: { id: sp.id, name: sp.name, timeZone: sp.time_zone },
    readiness: ready,
    enrolments: enrolments.map((e) => ({
      id: e.id,
      trainingTitle: localized(e.training_title, e.training_title_en),
      trainingCode: e.training_code,
      examTitle: e.exam_title === null ? null : localized(e.exam_title, e.exam_title_en),
      status: e.status,
    })),
    attempts: attempts.map((a) => ({
      id: a.id,
      state: a.state,
      examTitle: localized(a.exam_title, a.exam_title_en),
      workstation: a.workstation_name,
      authorizedAt: a.authorized_at,
      authorizedFor: a.authorized_for,
      authorizedBy: [a.operator_first_name, a.operator_last_name].filter(Boolean).join(' '),
      startedAt: a.started_at,
      deadlineAt: a.deadline_at,
      endedAt: a.ended_at,
      score: a.score_points,
      maxPoints: a.max_points,
      percentage: a.percentage,
      outcome: a.outcome,
      extraMinutes: Number(a.extra_minutes),
    })),
    accommodations,
    irregularities,
    authorizable,
    // « libre » or « occupé par … » (the name of whoever holds it: this learner included) next to each workstation.
    workstations: workstations.map((w) => {
      const occupant = occupants.find((o) => o.workstationId === w.id);
      return { ...w, occupiedBy: occupant ? occupantName(occupant) : null };
    }),
    cards,
  };
}

/**
 * What authorizing needs: identity confirmed today (the person at the desk now) and the photo saved.
 */
export async function readiness(ctx: AppContext, learnerId: string, servicePointId: string) {
  const [identity, photo] = await Promise.all([
    identityStatus(ctx, learnerId, servicePointId),
    photoStatus(ctx, learnerId),
  ]);
  return {
    identityConfirmed: identity.confirmedToday,
    identityConfirmedBefore: identity.confirmed && !identity.confirmedToday,
    photoSaved: photo.saved,
  };
}

export async function workstationsOf(ctx: AppContext, servicePointId: string) {
  return repo.workstationsAt(ctx.db, servicePointId);
}

export async function workstationAt(ctx: AppContext, workstationId: string, servicePointId: string) {
  const ws = await repo.workstationAt(ctx.db, workstationId, servicePointId);
  if (!ws) throw notFound();
  return ws;
}
