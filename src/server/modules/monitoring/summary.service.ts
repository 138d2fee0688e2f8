import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { Lang } from '../../http/messages.js';
import type { DailySummary, SummaryCounts } from '../../../shared/live.js';
import type { IrregularityView } from '../../../shared/api/desk.js';
import { addDays, daysBetween } from '../../../shared/day-input.js';
import { localDate, servicePoint } from '../service-points/service-points.service.js';
import { localized } from '../../../shared/api/common.js';
import * as repo from './monitoring.repo.js';
import { irregularitiesBetween } from '../desk/irregularities.service.js';

/**
 * The end of the service point's day: the exams authorized for that day (a day is the service point's
 * calendar day, in its time zone) and what became of them — started, passed, failed, ended by the
 * operator, cancelled (by the operator, or lapsed when the day closed).
 */

const ZERO: SummaryCounts = { authorized: 0, started: 0, passed: 0, failed: 0, terminated: 0, cancelled: 0 };
/** The longest summary, in days (a leap year). */
export const MAX_SUMMARY_DAYS = 366;

function countsOf(r: Awaited<ReturnType<typeof repo.summaryCounts>>[number] | undefined): SummaryCounts {
  if (!r) return { ...ZERO };
  return {
    authorized: Number(r.authorized),
    started: Number(r.started ?? 0),
    passed: Number(r.passed ?? 0),
    failed: Number(r.failed ?? 0),
    terminated: Number(r.terminated ?? 0),
    cancelled: Number(r.cancelled ?? 0),
  };
}

/**
 * The irregularities of the days `from`..`to` at the service point (its calendar days): the instants a day
 * apart on either side are read, then each kept by its local day.
 */
async function irregularitiesOfDays(
  ctx: AppContext,
  servicePointId: string,
  timeZone: string,
  from: string,
  to: string,
) {
  const timeOfDay = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const irregularities = await irregularitiesBetween(
    ctx,
    servicePointId,
    `${addDays(from, -1)}T00:00:00.000Z`,
    `${addDays(to, 2)}T00:00:00.000Z`,
  );
  return irregularities
    .map((i) => ({
      ...i,
      day: localDate(new Date(i.occurredAt), timeZone),
      time: timeOfDay.format(new Date(i.occurredAt)),
    }))
    .filter((r) => r.day >= from && r.day <= to);
}

export async function dailySummary(ctx: AppContext, servicePointId: string, date?: string): Promise<DailySummary> {
  const sp = await servicePoint(ctx, servicePointId);
  const day = date ?? localDate(ctx.now(), sp.time_zone);
  const [counts, attempts, irregularities] = await Promise.all([
    repo.summaryCounts(ctx.db, servicePointId, day, day),
    repo.attemptsOfDay(ctx.db, servicePointId, day),
    irregularitiesOfDays(ctx, servicePointId, sp.time_zone, day, day),
  ]);
  return {
    date: day,
    servicePoint: { id: sp.id, name: sp.name, timeZone: sp.time_zone },
    counts: countsOf(counts[0]),
    attempts: attempts.map((a) => ({
      id: a.id,
      learnerId: a.user_id,
      learnerName: [a.first_name, a.last_name].filter(Boolean).join(' '),
      examTitle: localized(a.title, a.title_en),
      workstation: a.workstation_name,
      state: a.state,
      authorizedAt: a.authorized_at,
      startedAt: a.started_at,
      endedAt: a.ended_at,
      scorePoints: a.score_points === null ? null : Number(a.score_points),
      maxPoints: a.max_points === null ? null : Number(a.max_points),
      percentage: a.percentage === null ? null : Number(a.percentage),
      outcome: a.outcome,
    })),
    irregularities: irregularities.map(({ day: _day, time: _time, ...i }) => i),
  };
}

const HEADERS: Record<Lang, string[]> = {
  fr: [
    'Date',
    'Point de service',
    'Autorisés',
    'Commencés',
    'Réussis',
    'Échoués',
    'Terminés par l’opérateur',
    'Annulés',
  ],
  en: ['Date', 'Service point', 'Authorized', 'Started', 'Passed', 'Failed', 'Ended by the operator', 'Cancelled'],
};

/** After the days, when there are some: the irregularities of those days, one per line. */
const IRREGULARITY_HEADERS: Record<Lang, string[]> = {
  fr: ['Irrégularités', 'Date', 'Heure', 'Apprenant', 'Examen', 'Catégorie', 'Description', 'Signalée par'],
  en: ['Irregularities', 'Date', 'Time', 'Learner', 'Exam', 'Category', 'Description', 'Reported by'],
};
const CATEGORY: Record<Lang, Record<IrregularityView['category'], string>> = {
  fr: { behaviour: 'Comportement', technical: 'Technique', identity: 'Identité', other: 'Autre' },
  en: { behaviour: 'Behaviour', technical: 'Technical', identity: 'Identity', other: 'Other' },
};

/** A CSV field: quoted when needed; a leading = + - @ cannot become a spreadsheet formula. */
function field(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The summary as CSV, one line per day from `from` to `to` (days without exams read 0), UTF-8 with a BOM
 * so spreadsheets read the accents, CRLF line ends (RFC 4180).
 */
export async function summaryCsv(
  ctx: AppContext,
  servicePointId: string,
  range: { from?: string; to?: string },
  lang: Lang,
): Promise<{ fileName: string; body: string }> {
  const sp = await servicePoint(ctx, servicePointId);
  const today = localDate(ctx.now(), sp.time_zone);
  const from = range.from ?? range.to ?? today;
  const to = range.to ?? from;
  // The days are counted, never compared as text: the text of a day past 9999 sorts before it.
  const span = daysBetween(from, to);
  if (!(span >= 0 && span < MAX_SUMMARY_DAYS))
    throw new DomainError('validation', { field: 'to', params: { field: 'to' } });
  const byDay = new Map((await repo.summaryCounts(ctx.db, servicePointId, from, to)).map((r) => [r.day, r]));
  const lines = [HEADERS[lang].map(field).join(',')];
  for (let i = 0; i <= span; i++) {
    const day = addDays(from, i);
    const c = countsOf(byDay.get(day));
    lines.push(
      [day, sp.name, c.authorized, c.started, c.passed, c.failed, c.terminated, c.cancelled].map(field).join(','),
    );
  }
  const irregularities = await irregularitiesOfDays(ctx, servicePointId, sp.time_zone, from, to);
  if (irregularities.length) {
    lines.push('', IRREGULARITY_HEADERS[lang].map(field).join(','));
    for (const i of irregularities)
      lines.push(
        [
          '',
          i.day,
          i.time,
          i.learnerName,
          (lang === 'en' ? i.examTitle?.en : undefined) ?? i.examTitle?.fr ?? '',
          CATEGORY[lang][i.category],
          i.description,
          i.reportedBy,
        ]
          .map(field)
          .join(','),
      );
  }
  const slug = from === to ? from : `${from}_${to}`;
  return {
    fileName: `${lang === 'fr' ? 'bilan' : 'summary'}-${slug}.csv`,
    body: '\uFEFF' + lines.join('\r\n') + '\r\n',
  };
}
