import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AttemptDelivery, AttemptResult } from '../../../shared/attempt';
import { Dialog } from './Dialog';
import { formatPercent, formatPoints } from './text';
import { localized } from '../../i18n/localized';

/** The result: score, percentage, « Réussite » or « Échec », and how it ended; then « Fermer la fenêtre ». */
export function ResultView({
  delivery,
  result,
  onClose,
}: {
  delivery: AttemptDelivery;
  result: AttemptResult;
  /** « Essayer l'examen »: « Fermer la fenêtre » goes back at once (nothing was saved, there is nothing to confirm). */
  onClose?: () => void;
}) {
  const { t, i18n } = useTranslation('exam');
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);
  const passed = result.outcome === 'passed';
  const lang = i18n.language;
  return (
    <div className="exam-result">
      <p className="exam-result-title">{localized(delivery.title, lang)}</p>
      <h1>{t('result.title')}</h1>
      <p className={`alert ${result.state === 'submitted' ? 'alert-ok' : 'alert-warn'}`}>
        {t(`result.${result.state}`)}
      </p>
      <p className={`outcome ${passed ? 'outcome-passed' : 'outcome-failed'}`} data-testid="outcome">
        {passed ? t('result.passed') : t('result.failed')}
      </p>
      <dl className="attempt-facts figure-tiles">
        <div>
          <dt>{t('result.score')}</dt>
          <dd data-testid="score">
            {t('result.scoreValue', {
              points: formatPoints(result.scorePoints, lang),
              max: formatPoints(result.maxPoints, lang),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('result.percentage')}</dt>
          <dd data-testid="percentage">{formatPercent(result.percentage, lang)}</dd>
        </div>
        <div>
          <dt>{t('result.passingMark')}</dt>
          <dd>{delivery.passingMark} %</dd>
        </div>
      </dl>
      <button
        type="button"
        className="button primary button-large"
        onClick={() => (onClose ? onClose() : setLeaving(true))}
      >
        {t('result.close')}
      </button>
      <Dialog open={leaving} title={t('result.leaveTitle')} onClose={() => setLeaving(false)}>
        <p>{t('result.leaveText')}</p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setLeaving(false)}>
            {t('result.stay')}
          </button>
          <button type="button" className="button primary" onClick={() => void navigate('/compte', { replace: true })}>
            {t('result.leave')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
