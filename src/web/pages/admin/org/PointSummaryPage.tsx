import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { dayTakesIrregularities, IRREGULARITY_MAX_AGE_DAYS } from '../../../../shared/desk-care';
import type { DailySummary } from '../../../../shared/live';
import { get } from '../../../api/client';
import { DayExamsTable } from '../../../components/DayExamsTable';
import { FormError } from '../../../components/Field';
import { SummaryCounts } from '../../../components/SummaryCounts';
import { SummaryDayForm } from '../../../components/SummaryDayForm';
import { formatDate } from '../../../format';
import { localized } from '../../../i18n/localized';
import { useAction } from '../../../hooks/useAction';
import { IrregularityButton } from '../../desk/IrregularityButton';
import { SummaryIrregularities } from '../../desk/SummaryIrregularities';

/**
 * `/administration/points-de-service/:id/bilan`: « Bilan de la journée » of one service point, for its manager
 * (or an administrator) — the desk's summary, read through the administration's scope. Each exam of the day
 * takes « Signaler une irrégularité », as at the desk (audited; it never changes a result) — on a day the server
 * takes one for (the day itself and the 7 after it); on another the page says why it is not offered.
 */
export function PointSummaryPage() {
  const { t, i18n } = useTranslation('monitoring');
  const { t: tCare } = useTranslation('care');
  const lang = i18n.language;
  const { servicePointId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? '';
  const [summary, setSummary] = useState<DailySummary | null>(null);
  // Read again after a report, so « Irrégularités » lists it.
  const [reads, setReads] = useState(0);
  const { run, error } = useAction();
  const base = `/api/admin/service-points/${encodeURIComponent(servicePointId)}`;

  useEffect(() => {
    void run(async () => {
      const s = await get<DailySummary>(`${base}/summary${date ? `?date=${encodeURIComponent(date)}` : ''}`);
      setSummary(s);
    });
  }, [run, base, date, reads]);

  const tz = summary?.servicePoint.timeZone;
  const reportable =
    summary !== null && dayTakesIrregularities(summary.date, summary.servicePoint.timeZone, new Date());
  return (
    <div>
      <p>
        <Link to={`/administration/points-de-service/${servicePointId}`}>
          ← {summary?.servicePoint.name ?? t('summary.title')}
        </Link>
      </p>
      <h1>
        {t('summary.title')}
        {summary && ` — ${summary.servicePoint.name}, ${formatDate(summary.date, lang, tz)}`}
      </h1>
      <SummaryDayForm
        day={summary?.date}
        csvHref={summary ? `${base}/summary.csv?date=${summary.date}` : undefined}
        onShow={(day) => setParams(day ? { date: day } : {})}
      />
      <FormError error={error} />
      {summary && (
        <>
          <SummaryCounts counts={summary.counts} />
          <section className="card" aria-labelledby="point-summary-exams">
            <h2 id="point-summary-exams">{t('summary.exams')}</h2>
            {!reportable && summary.attempts.length > 0 && (
              <p className="hint">{tCare('irregularities.reportWindow', { days: IRREGULARITY_MAX_AGE_DAYS })}</p>
            )}
            <DayExamsTable
              summary={summary}
              actions={
                reportable
                  ? (a) => (
                      <IrregularityButton
                        learnerId={a.learnerId}
                        attemptId={a.id}
                        at={{ servicePointId, day: summary.date, timeZone: summary.servicePoint.timeZone }}
                        about={`${a.learnerName} — ${localized(a.examTitle, lang)}`}
                        onDone={() => setReads((n) => n + 1)}
                      />
                    )
                  : undefined
              }
            />
          </section>
          <SummaryIrregularities summary={summary} />
        </>
      )}
    </div>
  );
}
