import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { SignInReply } from '../../../shared/api/accounts';
import { post } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { useSession } from '../../session';

export function SignInPage() {
  const { t } = useTranslation('accounts');
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const { run, busy, error } = useAction();
  // At a registered exam workstation, « Se souvenir de moi » is not offered at all.
  const atWorkstation = !!session.workstation;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await post<SignInReply>('/api/auth/sign-in', { login, password, remember: atWorkstation ? false : remember });
      await session.refresh();
      const back = params.get('retour');
      // The return path may be another user's page (an operator signed out at this workstation): the Guard sends
      // a user who may not open it to their home instead (afterSignIn), and '/' is each user's home.
      await navigate(back && back.startsWith('/') && !back.startsWith('//') ? back : '/', {
        state: { afterSignIn: true },
      });
    });
  };

  return (
    <div className="narrow">
      <h1>{t('signIn.title')}</h1>
      {session.workstation && (
        <p className="badge badge-info">
          {session.workstation.servicePointName} — {session.workstation.name}
        </p>
      )}
      <form onSubmit={submit} className="card" noValidate>
        <FormError error={error} />
        <Field
          label={t('signIn.login')}
          name="login"
          autoComplete="username"
          required
          value={login}
          onChange={(e) => setLogin(e.target.value)}
        />
        <Field
          label={t('signIn.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {!atWorkstation && (
          <div className="check">
            <input id="remember" type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            <label htmlFor="remember">{t('signIn.remember')}</label>
          </div>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
        <p className="form-links">
          <Link to="/mot-de-passe-oublie">{t('signIn.forgot')}</Link>
          <span>
            {t('signIn.noAccount')} <Link to="/inscription">{t('signIn.register')}</Link>
          </span>
        </p>
      </form>
      {session.demo && (
        <aside className="card demo-box" aria-label={t('signIn.demoTitle')}>
          <h2>{t('signIn.demoTitle')}</h2>
          <p>
            {t('signIn.demoText')} <code>{session.demo.password}</code>
          </p>
        </aside>
      )}
    </div>
  );
}
