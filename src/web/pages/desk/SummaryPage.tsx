import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get } from '../../api/client';
import { errorMessage } from '../../api/errorMessage';
import { SummaryIrregularities } from './SummaryIrregularities';
import { FormError } from '../../components/Field';
import { formatDate } from '../../format';
import type { DailySummary } from '../../../shared/live';
import { SummaryCounts } from '../../components/SummaryCounts';
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
  const [draft, setDraft] = useState(date);
  const [summary, setSummary] = useState<DailySummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!current) return;
    setError(null);
    get<DailySummary>(`/api/desk/summary${date ? `?date=${encodeURIComponent(date)}` : ''}`)
      .then((s) => {
        setSummary(s);
        setDraft(s.date);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [current, date]);

  if (!desk) return <p aria-busy="true">…</p>;
  const show = (e: FormEvent) => {
    e.preventDefault();
    setParams(draft ? { date: draft } : {});
  };
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
      <form className="inline-form summary-form" onSubmit={show}>
        <label htmlFor="summary-date">{t('summary.date')}</label>
        <input id="summary-date" type="date" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button">
          {t('summary.show')}
        </button>
        {summary && (
          <a className="button primary" href={`/api/desk/summary.csv?date=${summary.date}`} download>
            {t('summary.download')}
          </a>
        )}
      </form>
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
