import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STEPS, useAccount } from './useAccount';

/** The account overview: name, user code, and which registration steps are complete. */
export function AccountPage() {
  const { t } = useTranslation('accounts');
  const { account } = useAccount();
  if (!account) return <p aria-busy="true">…</p>;
  const allDone = STEPS.every((s) => account.steps[s.key]);
  return (
    <div className="narrow">
      <h1>{[account.firstName, account.lastName].filter(Boolean).join(' ') || account.username}</h1>
      <section className="card">
        <h2>{t('account.userCode')}</h2>
        <p className="user-code" data-testid="user-code">
          {account.userCode}
        </p>
        <p className="hint">{t('account.userCodeHint')}</p>
      </section>
      <section className="card">
        <h2>{t('account.progress')}</h2>
        {allDone && <p className="alert alert-ok">{t('account.allDone')}</p>}
        <ul className="step-list">
          {STEPS.map((s) => (
            <li key={s.key}>
              <span className={`badge ${account.steps[s.key] ? 'badge-ok' : 'badge-warn'}`}>
                {account.steps[s.key] ? t('account.complete') : t('account.incomplete')}
              </span>{' '}
              <Link to={s.path}>{t(`register.steps.${s.key}`)}</Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
