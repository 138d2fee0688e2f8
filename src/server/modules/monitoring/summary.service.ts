import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { Lang } from '../../http/messages.js';
import type { DailySummary, SummaryCounts } from '../../../shared/live.js';
import { addDays, daysBetween } from '../../../shared/day-input.js';
import { localDate, servicePoint } from '../service-points/service-points.service.js';
import { localized } from '../../../shared/api/common.js';
import * as repo from './monitoring.repo.js';

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

export async function dailySummary(ctx: AppContext, servicePointId: string, date?: string): Promise<DailySummary> {
  const sp = await servicePoint(ctx, servicePointId);
  const day = date ?? localDate(ctx.now(), sp.time_zone);
  const [counts, attempts] = await Promise.all([
    repo.summaryCounts(ctx.db, servicePointId, day, day),
    repo.attemptsOfDay(ctx.db, servicePointId, day),
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
  const slug = from === to ? from : `${from}_${to}`;
  return {
    fileName: `${lang === 'fr' ? 'bilan' : 'summary'}-${slug}.csv`,
    body: '\uFEFF' + lines.join('\r\n') + '\r\n',
  };
}
