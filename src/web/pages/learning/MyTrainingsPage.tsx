import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/errorMessage';
import { FormError } from '../../components/Field';
import { localized } from '../../i18n/localized';
import type { MyTrainingsReply } from '../../../shared/api/catalog';
import { statusBadge, useGet } from './learning-api';
import { NoEnrolment } from './NoEnrolment';
import { WorkstationNotice } from './WorkstationNotice';

/** « Mes formations »: each training the learner is enrolled in, where it stands, and « Accéder ». */
export function MyTrainingsPage() {
  const { t, i18n } = useTranslation('learning');
  const { data, error } = useGet<MyTrainingsReply>('/api/learning/trainings');
  return (
    <div className="learning">
      <h1>{t('myTrainings.title')}</h1>
      <p className="hint learning-intro">{t('myTrainings.intro')}</p>
      <p>
        <Link to="/formations/attestations">{t('cards:mine.title')}</Link>
      </p>
      {data && data.extraTime.length > 0 && (
        <p className="alert alert-ok" data-testid="extra-time">
          {t('myTrainings.extraTime', {
            list: data.extraTime.map((x) => t(`myTrainings.${x.kind}`, { minutes: x.minutes })).join(', '),
          })}
        </p>
      )}
      <FormError error={error && errorMessage(error)} />
      {!data && !error && <p aria-busy="true">…</p>}
      {data && data.trainings.length === 0 && <NoEnrolment />}
      {data && data.trainings.length > 0 && (
        <ul className="training-list">
          {data.trainings.map((tr) => {
            const title = localized(tr.title, i18n.language);
            return (
              <li key={tr.id} className="card training-card">
                <div>
                  <h2>{title}</h2>
                  <p className="training-meta">
                    <span className={`badge ${statusBadge[tr.status]}`}>{t(`status.${tr.status}`)}</span>
                    <span>{t('myTrainings.servicePoint', { name: tr.servicePoint.name })}</span>
                  </p>
                  <WorkstationNotice training={tr} />
                </div>
                <Link className="button primary" to={`/formations/${tr.id}`}>
                  {t('myTrainings.access')}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
