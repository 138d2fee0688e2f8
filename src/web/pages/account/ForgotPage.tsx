import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams, Link } from 'react-router';
import { ApiError, post } from '../../api/client';
import { Field, FormError } from '../../components/Field';

export function ForgotPage() {
  const { t } = useTranslation('accounts');
  const [login, setLogin] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post('/api/auth/forgot', { login });
      setSent(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <div className="narrow">
      <h1>{t('forgot.title')}</h1>
      {sent ? (
        <p className="alert alert-ok" role="status">
          {t('forgot.sent')}
        </p>
      ) : (
        <form className="card" onSubmit={(e) => void submit(e)}>
          <p>{t('forgot.text')}</p>
          <FormError error={error} />
          <Field label={t('signIn.login')} required value={login} onChange={(e) => setLogin(e.target.value)} />
          <button className="button primary" type="submit">
            {t('forgot.submit')}
          </button>
        </form>
      )}
    </div>
  );
}

export function ResetPage() {
  const { t } = useTranslation('accounts');
  const [params] = useSearchParams();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post('/api/auth/reset', { token: params.get('jeton') ?? '', password });
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <div className="narrow">
      <h1>{t('reset.title')}</h1>
      {done ? (
        <p className="alert alert-ok" role="status">
          {t('reset.done')} <Link to="/connexion">{t('reset.toSignIn')}</Link>
        </p>
      ) : (
        <form className="card" onSubmit={(e) => void submit(e)}>
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
          <button className="button primary" type="submit">
            {t('reset.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
