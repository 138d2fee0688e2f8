import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../../format';
import { localized } from '../../i18n/localized';
import type { DailySummary } from '../../../shared/live';

/**
 * « Bilan de la journée »: the day's irregularities, in the order they happened (no result changes with them).
 * At the desk each learner's name opens their file (`learnerHref`); in the administration it is text.
 */
export function SummaryIrregularities({
  summary,
  learnerHref,
}: {
  summary: DailySummary;
  learnerHref?: (learnerId: string) => string;
}) {
  const { t, i18n } = useTranslation('care');
  const tz = summary.servicePoint.timeZone;
  // The headers, also each cell's `data-label`: at a phone's width a row reads as a card (`stack-table`).
  const label = {
    time: t('irregularities.columns.time'),
    learner: t('irregularities.columns.learner'),
    exam: t('irregularities.columns.exam'),
    category: t('irregularities.columns.category'),
    description: t('irregularities.columns.description'),
    by: t('irregularities.columns.by'),
  };
  return (
    <section className="card" aria-labelledby="summary-irregularities">
      <h2 id="summary-irregularities">{t('irregularities.summaryTitle')}</h2>
      {summary.irregularities.length === 0 ? (
        <p className="hint">{t('irregularities.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="stack-table">
            <thead>
              <tr>
                {Object.values(label).map((l) => (
                  <th key={l}>{l}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {summary.irregularities.map((i) => (
                <tr key={i.id}>
                  <td data-label={label.time}>{formatTime(i.occurredAt, i18n.language, tz)}</td>
                  <td data-label={label.learner}>
                    {learnerHref ? <Link to={learnerHref(i.learnerId)}>{i.learnerName}</Link> : i.learnerName}
                  </td>
                  <td data-label={label.exam}>{i.examTitle ? localized(i.examTitle, i18n.language) : '—'}</td>
                  <td data-label={label.category}>{t(`irregularities.categories.${i.category}`)}</td>
                  <td data-label={label.description} className="care-text">
                    {i.description}
                  </td>
                  <td data-label={label.by}>{i.reportedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
