import { useTranslation } from 'react-i18next';
import type { AttemptDelivery } from '../../../shared/attempt';
import { useAction } from '../../hooks/useAction';
import { localized } from '../../i18n/localized';

/**
 * Before « Commencer »: what the exam is and its rules. Nothing of the questions is on the page yet.
 * `startWait`: the server asked to wait (many learners starting at once); the page presses again by itself in
 * that many seconds, and says so calmly.
 */
export function IntroView({
  delivery,
  onStart,
  startWait = null,
}: {
  delivery: AttemptDelivery;
  onStart: () => Promise<void>;
  startWait?: number | null;
}) {
  const { t, i18n } = useTranslation('exam');
  // onStart words its own failure on the page (useAttempt); run only keeps the button busy meanwhile.
  const { run, busy } = useAction();
  return (
    <div className="exam-intro">
      <h1>{localized(delivery.title, i18n.language)}</h1>
      <dl className="attempt-facts figure-tiles">
        <div>
          <dt>{t('intro.questions')}</dt>
          <dd>{delivery.questionCount}</dd>
        </div>
        <div>
          <dt>{t('intro.duration')}</dt>
          <dd>{t('intro.durationValue', { count: delivery.durationMinutes })}</dd>
        </div>
        {delivery.extraMinutes ? (
          <div>
            <dt>{t('intro.extraTime')}</dt>
            <dd>{t('intro.durationValue', { count: delivery.extraMinutes })}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('intro.passingMark')}</dt>
          <dd>{delivery.passingMark} %</dd>
        </div>
      </dl>
      <section className="card">
        <h2>{t('intro.rules')}</h2>
        <ul className="exam-rules">
          {delivery.rules.map((r) => (
            <li key={r.fr}>{localized(r, i18n.language)}</li>
          ))}
        </ul>
      </section>
      <button type="button" className="button primary button-large" disabled={busy} onClick={() => void run(onStart)}>
        {busy ? t('intro.starting') : t('intro.start')}
      </button>
      {startWait !== null && (
        <p className="alert" role="status">
          {t('intro.startWait', { count: startWait })}
        </p>
      )}
    </div>
  );
}
