import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { post } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';

/** The link of the password-reset e-mail: a new password for the account. */
export function ResetPage() {
  const { t } = useTranslation('accounts');
  const [params] = useSearchParams();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { run, busy, error } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await post('/api/auth/reset', { token: params.get('jeton') ?? '', password });
      setDone(true);
    });
  };
  return (
    <div className="narrow">
      <h1>{t('reset.title')}</h1>
      {done ? (
        <p className="alert alert-ok" role="status">
          {t('reset.done')} <Link to="/connexion">{t('reset.toSignIn')}</Link>
        </p>
      ) : (
        <form className="card" onSubmit={submit}>
          <FormError error={error} />
          <Field
            label={t('register.password')}
            hint={t('register.passwordHint')}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button className="button primary" type="submit" disabled={busy}>
            {t('reset.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
