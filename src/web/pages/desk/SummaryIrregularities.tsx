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
  return (
    <section className="card" aria-labelledby="summary-irregularities">
      <h2 id="summary-irregularities">{t('irregularities.summaryTitle')}</h2>
      {summary.irregularities.length === 0 ? (
        <p className="hint">{t('irregularities.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th>{t('irregularities.columns.time')}</th>
                <th>{t('irregularities.columns.learner')}</th>
                <th>{t('irregularities.columns.exam')}</th>
                <th>{t('irregularities.columns.category')}</th>
                <th>{t('irregularities.columns.description')}</th>
                <th>{t('irregularities.columns.by')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.irregularities.map((i) => (
                <tr key={i.id}>
                  <td>{formatTime(i.occurredAt, i18n.language, tz)}</td>
                  <td>{learnerHref ? <Link to={learnerHref(i.learnerId)}>{i.learnerName}</Link> : i.learnerName}</td>
                  <td>{i.examTitle ? localized(i.examTitle, i18n.language) : '—'}</td>
                  <td>{t(`irregularities.categories.${i.category}`)}</td>
                  <td className="care-text">{i.description}</td>
                  <td>{i.reportedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
