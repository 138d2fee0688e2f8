import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DailySummary } from '../../shared/live';
import { formatTime } from '../format';
import { localized } from '../i18n/localized';
import { AttemptResult } from './AttemptResult';

type DayAttempt = DailySummary['attempts'][number];

/**
 * « Examens de la journée » of a « Bilan de la journée »: one row per exam authorized that day, its state and
 * result. At the desk each learner's name opens their file (`learnerHref`); in the administration it is text,
 * and each row ends with what its manager may do about the exam (`actions`).
 */
export function DayExamsTable({
  summary,
  learnerHref,
  actions,
}: {
  summary: DailySummary;
  learnerHref?: (learnerId: string) => string;
  actions?: (attempt: DayAttempt) => ReactNode;
}) {
  const { t, i18n } = useTranslation('monitoring');
  const lang = i18n.language;
  const tz = summary.servicePoint.timeZone;
  // The headers, also each cell's `data-label`: at a phone's width a row reads as a card (`stack-table`).
  const label = {
    learner: t('summary.columns.learner'),
    exam: t('summary.columns.exam'),
    workstation: t('summary.columns.workstation'),
    authorizedAt: t('summary.columns.authorizedAt'),
    state: t('summary.columns.state'),
    result: t('summary.columns.result'),
  };
  if (summary.attempts.length === 0) return <p className="hint">{t('summary.none')}</p>;
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="stack-table">
        <thead>
          <tr>
            {Object.values(label).map((l) => (
              <th key={l}>{l}</th>
            ))}
            {actions && <th>{t('summary.columns.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {summary.attempts.map((a) => (
            <tr key={a.id}>
              <td data-label={label.learner}>
                {learnerHref ? <Link to={learnerHref(a.learnerId)}>{a.learnerName}</Link> : a.learnerName}
              </td>
              <td data-label={label.exam}>{localized(a.examTitle, lang)}</td>
              <td data-label={label.workstation}>{a.workstation}</td>
              <td data-label={label.authorizedAt}>{formatTime(a.authorizedAt, lang, tz)}</td>
              <td data-label={label.state}>{t(`summary.state.${a.state}`)}</td>
              <td data-label={label.result}>
                <AttemptResult outcome={a.outcome} points={a.scorePoints} max={a.maxPoints} percentage={a.percentage} />
              </td>
              {actions && <td data-label={t('summary.columns.actions')}>{actions(a)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
