import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/localized';
import { Link, useParams } from 'react-router';
import { get } from '../../api/client';
import { errorMessage } from '../../api/errorMessage';
import type { LearnerFileReply } from '../../../shared/api/desk';
import { AccommodationsPanel } from './AccommodationsPanel';
import { ActiveAccommodations } from './ActiveAccommodations';
import { AttemptHistory } from './AttemptHistory';
import { AuthorizePanel } from './AuthorizePanel';
import { IrregularitiesPanel } from './IrregularitiesPanel';
import { IdentityPanel } from './identity/IdentityPanel';
import { PhotoPanel } from './photo/PhotoPanel';
import { TerminatePanel } from './TerminatePanel';

/**
 * « Fiche de l'apprenant »: identity, photo and authorization first (in view at 1280×800 for a learner already
 * identified), then the longer parts: cards, enrolments, « Mesures d'adaptation », irregularities, history.
 */
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
          <ActiveAccommodations accommodations={file.accommodations} />
        </div>
      </header>

      <TerminatePanel file={file} onChange={() => void reload()} />

      {/* Already identified today, photo saved: the three side by side, in view at 1280 × 800. */}
      {file.readiness.identityConfirmed && file.readiness.photoSaved ? (
        <div className="file-ready">
          <IdentityPanel learnerId={learner.id} learner={person} onChange={() => void reload()} />
          <PhotoPanel learnerId={learner.id} learner={person} onChange={() => void reload()} />
          <AuthorizePanel file={file} onChange={() => void reload()} />
        </div>
      ) : (
        <>
          <div className="file-grid">
            <IdentityPanel learnerId={learner.id} learner={person} onChange={() => void reload()} />
            <PhotoPanel learnerId={learner.id} learner={person} onChange={() => void reload()} />
          </div>
          <AuthorizePanel file={file} onChange={() => void reload()} />
        </>
      )}

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

      <AccommodationsPanel file={file} onChange={() => void reload()} />
      <IrregularitiesPanel file={file} onChange={() => void reload()} />
      <AttemptHistory file={file} />
    </div>
  );
}
