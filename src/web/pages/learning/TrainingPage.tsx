import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/errorMessage';
import { FormError } from '../../components/Field';
import { localized } from '../../i18n/localized';
import type { TrainingPage as Training } from '../../../shared/api/catalog';
import { statusBadge, useGet } from './learning-api';
import { WorkstationNotice } from './WorkstationNotice';

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split('\n\n').map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
  );
}

/**
 * A training's page: description, what the exam is like, the learner's past results, and « Lancer l'examen »
 * only when an operator has opened an attempt for this learner.
 */
export function TrainingPage() {
  const { trainingId = '' } = useParams();
  const { t, i18n } = useTranslation('learning');
  const { data: tr, error } = useGet<Training>(`/api/learning/trainings/${encodeURIComponent(trainingId)}`);
  const lang = i18n.language;
  const locale = lang.startsWith('en') ? 'en-CA' : 'fr-CA';
  const back = (
    <p className="back-link">
      <Link to="/formations">← {t('training.back')}</Link>
    </p>
  );
  if (error)
    return (
      <div className="learning">
        {back}
        <FormError error={error.status === 404 ? t('training.notFound') : errorMessage(error)} />
      </div>
    );
  if (!tr) return <p aria-busy="true">…</p>;
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: tr.servicePoint.timeZone,
  });
  return (
    <div className="learning">
      {back}
      <div className="training-heading">
        <h1>{localized(tr.title, lang)}</h1>
        <span className={`badge ${statusBadge[tr.status]}`}>{t(`status.${tr.status}`)}</span>
      </div>

      <section className="card" aria-labelledby="training-description">
        <h2 id="training-description">{t('training.description')}</h2>
        <Paragraphs text={localized(tr.description, lang)} />
      </section>

      <section className="card" aria-labelledby="training-exam">
        <h2 id="training-exam">{t('training.exam')}</h2>
        {tr.exam ? (
          <>
            <p className="exam-title">{localized(tr.exam.title, lang)}</p>
            <dl className="exam-facts">
              <div>
                <dt>{t('training.duration')}</dt>
                <dd>{t('training.minutes', { count: tr.exam.durationMinutes })}</dd>
              </div>
              <div>
                <dt>{t('training.questions')}</dt>
                <dd>{tr.exam.questionCount}</dd>
              </div>
              <div>
                <dt>{t('training.passingMark')}</dt>
                <dd>{percent.format(tr.exam.passingMark / 100)}</dd>
              </div>
            </dl>
            {tr.openAttempt ? (
              <div className="launch">
                <WorkstationNotice training={tr} />
                <p className="alert alert-ok">
                  {tr.openAttempt.state === 'in_progress' ? t('training.inProgress') : t('training.authorized')}
                </p>
                <Link className="button primary launch-button" to={`/examen/${tr.openAttempt.id}`}>
                  {t('training.launch')}
                </Link>
              </div>
            ) : (
              <p className="hint">{t('training.howTo', { name: tr.servicePoint.name })}</p>
            )}
          </>
        ) : (
          <p className="hint">{t('training.noExam')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="training-results">
        <h2 id="training-results">{t('training.results')}</h2>
        {tr.results.length === 0 ? (
          <p className="hint">{t('training.noResults')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('training.date')}</th>
                <th scope="col">{t('training.percentage')}</th>
                <th scope="col">{t('training.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {tr.results.map((r) => (
                <tr key={r.attemptId}>
                  <td>
                    {r.date ? date.format(new Date(r.date)) : '—'}
                    {r.state !== 'submitted' && <span className="hint"> ({t(`training.${r.state}`)})</span>}
                  </td>
                  <td>{r.percentage === null ? '—' : percent.format(r.percentage / 100)}</td>
                  <td>
                    {r.outcome && (
                      <span className={`badge ${r.outcome === 'passed' ? 'badge-ok' : 'badge-danger'}`}>
                        {t(`training.${r.outcome}`)}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
