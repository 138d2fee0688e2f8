import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';

/** `/mot-de-passe-oublie`: sends the password-reset link to the account's e-mail. */
export function ForgotPage() {
  const { t } = useTranslation('accounts');
  const [login, setLogin] = useState('');
  const [sent, setSent] = useState(false);
  const { run, busy, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await post('/api/auth/forgot', { login });
      setSent(true);
    });
  };
  return (
    <div className="narrow">
      <h1>{t('forgot.title')}</h1>
      {sent ? (
        <p className="alert alert-ok" role="status">
          {t('forgot.sent')}
        </p>
      ) : (
        <form className="card" onSubmit={submit}>
          <p>{t('forgot.text')}</p>
          <FormError error={error} />
          <Field label={t('signIn.login')} required value={login} onChange={(e) => setLogin(e.target.value)} />
          <button className="button primary" type="submit" disabled={busy}>
            {t('forgot.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
