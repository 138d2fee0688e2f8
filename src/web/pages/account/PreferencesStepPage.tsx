import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { put } from '../../api/client';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { useSession } from '../../session';
import { useAccount, useFieldFromAccount } from './useAccount';
import { StepPage } from './StepPage';

/** Step 3 « Mes préférences ». */
export function PreferencesStepPage() {
  const { t, i18n } = useTranslation('accounts');
  const session = useSession();
  const navigate = useNavigate();
  const { account } = useAccount();
  const [language, setLanguage, fillLanguage] = useFieldFromAccount<'fr' | 'en'>('fr');
  const [notifyEmail, setNotifyEmail, fillNotifyEmail] = useFieldFromAccount(true);
  const { run, busy, formError } = useAction();
  useEffect(() => {
    if (account) {
      fillLanguage(account.language);
      fillNotifyEmail(account.notifyEmail);
    }
  }, [account, fillLanguage, fillNotifyEmail]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await put('/api/account/preferences', { language, notifyEmail });
      sessionStorage.removeItem('vigie-lang');
      await i18n.changeLanguage(language);
      await session.refresh();
      await navigate('/compte/mon-membership');
    });
  };
  return (
    <StepPage step="preferences" n={3} account={account}>
      <form className="card" onSubmit={submit}>
        <FormError error={formError} />
        <fieldset className="field">
          <legend>{t('register.language')}</legend>
          {(['fr', 'en'] as const).map((l) => (
            <div className="check" key={l}>
              <input
                type="radio"
                id={`lang-${l}`}
                name="language"
                checked={language === l}
                onChange={() => setLanguage(l)}
              />
              <label htmlFor={`lang-${l}`} lang={l}>
                {l === 'fr' ? t('register.french') : t('register.english')}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="check">
          <input type="checkbox" id="notify" checked={notifyEmail} onChange={(e) => setNotifyEmail(e.target.checked)} />
          <label htmlFor="notify">{t('register.notifications')}</label>
        </div>
        <button className="button primary" type="submit" disabled={busy}>
          {t('register.saveAndContinue')}
        </button>
      </form>
    </StepPage>
  );
}
