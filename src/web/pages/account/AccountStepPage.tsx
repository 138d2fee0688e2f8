import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { RegisterReply } from '../../../shared/api/accounts';
import { post, put } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { useSession } from '../../session';
import { StepNav } from './StepNav';
import { useAccount } from './useAccount';

/** Step 1 « Mon compte »: creates the account (signed out) or edits it (signed in). */
export function AccountStepPage() {
  const { t } = useTranslation('accounts');
  const session = useSession();
  const navigate = useNavigate();
  const signedIn = !!session.user;
  const { account } = useAccount(signedIn);
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const { run, busy, fieldError, formError } = useAction();
  useEffect(() => {
    if (account) {
      setUsername((typed) => typed || account.username);
      setEmail((typed) => typed || account.email);
    }
  }, [account]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      if (signedIn) {
        // A new e-mail or password needs the current one (the server says so, naming the field, if it is missing).
        await put('/api/account', {
          username,
          email,
          ...(password ? { password } : {}),
          ...(currentPassword ? { currentPassword } : {}),
        });
        setCurrentPassword('');
        await session.refresh();
        await navigate('/compte/mon-profil-public');
      } else {
        const res = await post<RegisterReply>('/api/register', { username, email, password });
        setCreated(res.userCode);
        await session.refresh();
        await navigate('/compte/mon-profil-public', { state: { userCode: res.userCode } });
      }
    });
  };

  return (
    <div className="narrow">
      <h1>{signedIn ? t('register.steps.account') : t('register.title')}</h1>
      <StepNav current="account" done={account?.steps ?? {}} />
      <p className="step-of">{t('register.stepOf', { n: 1 })}</p>
      <form className="card" onSubmit={submit} noValidate>
        {created && <p className="alert alert-ok">{t('register.created', { code: created })}</p>}
        <FormError error={formError} />
        <Field
          label={t('register.username')}
          hint={t('register.usernameHint')}
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fieldError('username')}
        />
        <Field
          label={t('register.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError('email')}
        />
        <Field
          label={signedIn ? t('register.newPassword') : t('register.password')}
          hint={t('register.passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          required={!signedIn}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError('password')}
        />
        {signedIn && (
          <Field
            label={t('register.currentPassword')}
            hint={t('register.currentPasswordHint')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
            error={fieldError('currentPassword')}
          />
        )}
        <button className="button primary" type="submit" disabled={busy}>
          {t('register.saveAndContinue')}
        </button>
      </form>
    </div>
  );
}
