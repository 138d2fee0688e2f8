import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get } from '../../api/client';
import { errorMessage } from '../../api/errorMessage';
import { SummaryIrregularities } from './SummaryIrregularities';
import { FormError } from '../../components/Field';
import { formatDate } from '../../format';
import type { DailySummary } from '../../../shared/live';
import { SummaryCounts } from '../../components/SummaryCounts';
import { SummaryDayForm } from '../../components/SummaryDayForm';
import { DayExamsTable } from '../../components/DayExamsTable';
import { DeskHeader } from './DeskHeader';
import { useDesk } from './useDesk';

const learnerHref = (learnerId: string) => `/point-de-service/apprenants/${learnerId}`;

/** « Bilan de la journée »: the service point's day in figures, its exams, and the CSV for the organisation. */
export function SummaryPage() {
  const { t, i18n } = useTranslation('monitoring');
  const lang = i18n.language;
  const { desk, current, reload } = useDesk();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? '';
  const [summary, setSummary] = useState<DailySummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!current) return;
    setError(null);
    get<DailySummary>(`/api/desk/summary${date ? `?date=${encodeURIComponent(date)}` : ''}`)
      .then(setSummary)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [current, date]);

  if (!desk) return <p aria-busy="true">…</p>;
  const tz = summary?.servicePoint.timeZone;
  return (
    <div>
      <p>
        <Link to="/point-de-service" className="back-link">
          ← {t('summary.back')}
        </Link>
      </p>
      <DeskHeader desk={desk} onChange={() => void reload()} />
      <h1>
        {t('summary.title')}
        {summary && <span className="summary-day"> — {formatDate(summary.date, lang, tz)}</span>}
      </h1>
      <SummaryDayForm
        day={summary?.date}
        csvHref={summary ? `/api/desk/summary.csv?date=${summary.date}` : undefined}
        onShow={(day) => setParams(day ? { date: day } : {})}
      />
      <FormError error={error} />
      {summary && (
        <>
          <SummaryCounts counts={summary.counts} />
          <section className="card" aria-labelledby="summary-exams">
            <h2 id="summary-exams">{t('summary.exams')}</h2>
            <DayExamsTable summary={summary} learnerHref={learnerHref} />
          </section>
          <SummaryIrregularities summary={summary} learnerHref={learnerHref} />
        </>
      )}
    </div>
  );
}
