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
  if (summary.attempts.length === 0) return <p className="hint">{t('summary.none')}</p>;
  return (
    <div className="table-scroll" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th>{t('summary.columns.learner')}</th>
            <th>{t('summary.columns.exam')}</th>
            <th>{t('summary.columns.workstation')}</th>
            <th>{t('summary.columns.authorizedAt')}</th>
            <th>{t('summary.columns.state')}</th>
            <th>{t('summary.columns.result')}</th>
            {actions && <th>{t('summary.columns.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {summary.attempts.map((a) => (
            <tr key={a.id}>
              <td>{learnerHref ? <Link to={learnerHref(a.learnerId)}>{a.learnerName}</Link> : a.learnerName}</td>
              <td>{localized(a.examTitle, lang)}</td>
              <td>{a.workstation}</td>
              <td>{formatTime(a.authorizedAt, lang, tz)}</td>
              <td>{t(`summary.state.${a.state}`)}</td>
              <td>
                <AttemptResult outcome={a.outcome} points={a.scorePoints} max={a.maxPoints} percentage={a.percentage} />
              </td>
              {actions && <td>{actions(a)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
