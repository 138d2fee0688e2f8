import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STEPS, type Step } from './useAccount';

/** The four registration steps, in order, with which are complete. */
export function StepNav({ current, done }: { current: Step; done: Partial<Record<Step, boolean>> }) {
  const { t } = useTranslation('accounts');
  return (
    <nav aria-label={t('account.progress')}>
      <ol className="steps">
        {STEPS.map((s, i) => (
          <li
            key={s.key}
            className={`step ${s.key === current ? 'current' : ''} ${done[s.key] ? 'done' : ''}`}
            aria-current={s.key === current ? 'step' : undefined}
          >
            <span className="step-num" aria-hidden="true">
              {done[s.key] ? '✓' : i + 1}
            </span>
            {done.account ? (
              <Link to={s.path}>{t(`register.steps.${s.key}`)}</Link>
            ) : (
              <span>{t(`register.steps.${s.key}`)}</span>
            )}
            <span className="visually-hidden"> — {done[s.key] ? t('account.complete') : t('account.incomplete')}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
