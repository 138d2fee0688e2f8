import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/localized';
import { Link, useParams } from 'react-router';
import { get } from '../../api/client';
import { errorMessage } from '../../api/errorMessage';
import { formatDateTime, formatNumber } from '../../format';
import type { LearnerFileReply } from '../../../shared/api/desk';
import { AuthorizePanel } from './AuthorizePanel';
import { IdentityPanel } from './identity/IdentityPanel';
import { PhotoPanel } from './photo/PhotoPanel';
import { TerminatePanel } from './TerminatePanel';

/** « Fiche de l'apprenant »: identity, photo, authorization, enrolments and exam history at this service point. */
export function LearnerFilePage() {
  const { t, i18n } = useTranslation('desk');
  const { learnerId = '' } = useParams();
  const [file, setFile] = useState<LearnerFileReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setFile(await get<LearnerFileReply>(`/api/desk/learners/${learnerId}`));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [learnerId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const back = (
    <p>
      <Link to="/point-de-service" className="back-link">
        ← {t('file.back')}
      </Link>
    </p>
  );
  if (error)
    return (
      <div>
        {back}
        <p className="alert alert-error">{error}</p>
      </div>
    );
  if (!file) return back;
  const { learner } = file;
  const tz = file.servicePoint.timeZone;
  const person = { firstName: learner.firstName ?? '', lastName: learner.lastName ?? '' };
  return (
    <div>
      {back}
      <header className="file-header">
        <div>
          <p className="eyebrow">
            {t('file.title')} — {file.servicePoint.name}
          </p>
          <h1>
            {learner.firstName} {learner.lastName}
          </h1>
          <p>
            <span className="mono">{learner.userCode}</span> · {learner.email}
          </p>
        </div>
      </header>

      <TerminatePanel file={file} onChange={() => void reload()} />

      <div className="file-grid">
        <IdentityPanel learnerId={learner.id} learner={person} onChange={() => void reload()} />
        <PhotoPanel learnerId={learner.id} learner={person} onChange={() => void reload()} />
      </div>

      <AuthorizePanel file={file} onChange={() => void reload()} />

      {file.cards.cards.length > 0 && (
        <section className="card" aria-labelledby="cards-title">
          <h2 id="cards-title">{t('file.cards')}</h2>
          <ul>
            {file.cards.cards.map((c) => (
              <li key={c.cardNumber}>
                <span className="mono">{c.cardNumber}</span> — {localized(c.trainingTitle, i18n.language)}{' '}
                {c.needsPhoto ? (
                  <span className="badge badge-warn">{t('file.cardAwaitingPhoto')}</span>
                ) : (
                  <span className="badge badge-ok">{t(`file.cardStatus.${c.status}`, { defaultValue: c.status })}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="enrolments-title">
        <h2 id="enrolments-title">{t('file.enrolments')}</h2>
        <ul>
          {file.enrolments.map((e) => (
            <li key={e.id}>
              {localized(e.trainingTitle, i18n.language)} —{' '}
              <span className="badge badge-info">{t(`status.${e.status}`)}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('file.history')}</h2>
        {file.attempts.length === 0 ? (
          <p className="hint">{t('file.noHistory')}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th>{t('file.exam')}</th>
                  <th>{t('columns.status')}</th>
                  <th>{t('file.workstation')}</th>
                  <th>{t('live.startedAt')}</th>
                  <th>{t('file.resultColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {file.attempts.map((a) => (
                  <tr key={a.id} className={a.state === 'in_progress' ? 'row-live' : undefined}>
                    <td>
                      {localized(a.examTitle, i18n.language)}
                      <div className="hint">
                        {t('file.authorizedBy', {
                          name: a.authorizedBy,
                          date: formatDateTime(a.authorizedAt, i18n.language, tz),
                        })}
                      </div>
                    </td>
                    <td>{t(`file.state.${a.state}`)}</td>
                    <td>{a.workstation}</td>
                    <td>{formatDateTime(a.startedAt, i18n.language, tz)}</td>
                    <td>
                      {a.outcome && (
                        <>
                          <span className={`badge ${a.outcome === 'passed' ? 'badge-ok' : 'badge-danger'}`}>
                            {t(`file.outcome.${a.outcome}`)}
                          </span>{' '}
                          {t('file.result', {
                            score: formatNumber(a.score ?? 0, i18n.language),
                            max: formatNumber(a.maxPoints ?? 0, i18n.language),
                            percentage: formatNumber(a.percentage ?? 0, i18n.language),
                          })}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
