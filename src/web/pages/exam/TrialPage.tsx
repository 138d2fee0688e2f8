import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ExamHeader } from './ExamHeader';
import { IntroView } from './IntroView';
import { ResultView } from './ResultView';
import { TakingView } from './TakingView';
import { useTrial } from './useTrial';

/**
 * `/examen/essai/:versionId`, « Essayer l'examen »: the exam page itself (intro, questions against the countdown,
 * « Terminer », the result) on a version of an exam, for an administrator. Said on every screen: nothing is saved.
 */
export function TrialPage() {
  const { versionId = '' } = useParams();
  const { t } = useTranslation('exam');
  const navigate = useNavigate();
  const trial = useTrial(versionId);
  const { setTimeUp } = trial;
  const onTimeUp = useCallback(() => setTimeUp(true), [setTimeUp]);
  const back = `/administration/examens/versions/${encodeURIComponent(versionId)}`;
  const delivery = trial.trial?.delivery;

  let body;
  if (!delivery) {
    body = trial.error ? (
      <p className="alert alert-error" role="alert">
        {trial.error}
      </p>
    ) : (
      <p aria-busy="true">{t('loading')}</p>
    );
  } else if (trial.result) {
    body = <ResultView delivery={delivery} result={trial.result} onClose={() => void navigate(back)} />;
  } else if (!trial.deadlineAt) {
    body = <IntroView delivery={delivery} onStart={trial.start} />;
  } else {
    body = (
      <TakingView
        delivery={{ ...delivery, items: delivery.items ?? [], deadlineAt: trial.deadlineAt }}
        answers={trial.answers}
        status={null}
        saveError={null}
        clock={trial.clock}
        timeUp={trial.timeUp}
        onTimeUp={onTimeUp}
        onChange={trial.change}
        onSubmit={trial.submit}
      />
    );
  }

  return (
    <div className="exam-shell">
      <ExamHeader languageSwitch={!trial.deadlineAt || !!trial.result}>
        <span className="exam-header-ws trial-badge" aria-hidden="true">
          {t('trial.banner')}
        </span>
      </ExamHeader>
      <main id="main" className="exam-main">
        <div className="trial-note" role="note">
          <p>
            <strong>{t('trial.banner')}</strong>{' '}
            {trial.trial && t('trial.text', { n: trial.trial.version, code: trial.trial.code })}
          </p>
          <Link to={back}>{t('trial.back')}</Link>
        </div>
        {delivery && trial.error && (
          <p className="alert alert-error" role="alert">
            {trial.error}
          </p>
        )}
        {body}
      </main>
    </div>
  );
}
