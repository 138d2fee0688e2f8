import { useTranslation } from 'react-i18next';
import { AttemptResult } from '../../components/AttemptResult';
import { formatDateTime } from '../../format';
import type { LearnerFileReply } from '../../../shared/api/desk';
import { localized } from '../../i18n/localized';

/** « Examens à ce point de service »: every attempt, newest first, with the extra time an accommodation gave. */
export function AttemptHistory({ file }: { file: LearnerFileReply }) {
  const { t, i18n } = useTranslation('desk');
  const { t: tc } = useTranslation('care');
  const tz = file.servicePoint.timeZone;
  // The headers, also each cell's `data-label`: at a phone's width a row reads as a card (`stack-table`).
  const label = {
    exam: t('file.exam'),
    state: t('columns.status'),
    workstation: t('file.workstation'),
    startedAt: t('live.startedAt'),
    result: t('file.resultColumn'),
  };
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('file.history')}</h2>
      {file.attempts.length === 0 ? (
        <p className="hint">{t('file.noHistory')}</p>
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
              {file.attempts.map((a) => (
                <tr key={a.id} className={a.state === 'in_progress' ? 'row-live' : undefined}>
                  <td data-label={label.exam}>
                    {localized(a.examTitle, i18n.language)}
                    {a.extraMinutes > 0 && (
                      <div className="hint">{tc('accommodations.extraTime', { minutes: a.extraMinutes })}</div>
                    )}
                    <div className="hint">
                      {t('file.authorizedBy', {
                        name: a.authorizedBy,
                        date: formatDateTime(a.authorizedAt, i18n.language, tz),
                      })}
                    </div>
                  </td>
                  <td data-label={label.state}>{t(`file.state.${a.state}`)}</td>
                  <td data-label={label.workstation}>{a.workstation}</td>
                  <td data-label={label.startedAt}>{formatDateTime(a.startedAt, i18n.language, tz)}</td>
                  <td data-label={label.result}>
                    <AttemptResult outcome={a.outcome} points={a.score} max={a.maxPoints} percentage={a.percentage} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
