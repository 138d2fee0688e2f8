import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, post, put } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { useSession } from '../../session';
import { StepNav } from './StepNav';
import { useAccount, useFieldFromAccount, type AccountView } from './useAccount';

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
        const res = await post<{ userCode: string }>('/api/register', { username, email, password });
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

/** Step 2 « Mon profil public ». */
export function ProfileStepPage() {
  const { t } = useTranslation('accounts');
  const session = useSession();
  const navigate = useNavigate();
  const { account } = useAccount();
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [picture, setPicture] = useState<File | null>(null);
  const { run, busy, fieldError, formError } = useAction();
  useEffect(() => {
    // Filled from the account when it arrives, unless the user has typed already (a slow answer must not
    // empty what they wrote).
    if (account) {
      setFirstName((typed) => typed || (account.firstName ?? ''));
      setLastName((typed) => typed || (account.lastName ?? ''));
    }
  }, [account]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await put('/api/account/profile', { firstName, lastName });
      if (picture) {
        const form = new FormData();
        form.append('picture', picture);
        await api('POST', '/api/account/profile/picture', form);
      }
      await session.refresh();
      await navigate('/compte/mes-preferences');
    });
  };
  return (
    <StepPage step="profile" n={2} account={account}>
      <form className="card" onSubmit={submit} noValidate>
        <FormError error={formError} />
        <Field
          label={t('register.firstName')}
          name="firstName"
          autoComplete="given-name"
          required
          value={firstName}
          onChange={(e) => setFirstName(e.target.value)}
          error={fieldError('firstName')}
        />
        <Field
          label={t('register.lastName')}
          name="lastName"
          autoComplete="family-name"
          required
          value={lastName}
          onChange={(e) => setLastName(e.target.value)}
          error={fieldError('lastName')}
        />
        <Field
          label={t('register.picture')}
          hint={t('register.pictureHint')}
          name="picture"
          type="file"
          accept="image/jpeg,image/png"
          onChange={(e) => setPicture(e.target.files?.[0] ?? null)}
          error={fieldError('picture')}
        />
        <button className="button primary" type="submit" disabled={busy}>
          {t('register.saveAndContinue')}
        </button>
      </form>
    </StepPage>
  );
}

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

/** Step 4 « Mon membership ». */
export function MembershipStepPage() {
  const { t } = useTranslation('accounts');
  const navigate = useNavigate();
  const { account } = useAccount();
  const [membershipType, setMembershipType, fillMembershipType] =
    useFieldFromAccount<NonNullable<AccountView['membershipType']>>('individual');
  const [organisation, setOrganisation, fillOrganisation] = useFieldFromAccount('');
  const { run, busy, formError } = useAction();
  useEffect(() => {
    if (account) {
      fillMembershipType(account.membershipType ?? 'individual');
      fillOrganisation(account.organisation ?? '');
    }
  }, [account, fillMembershipType, fillOrganisation]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await put('/api/account/membership', { membershipType, organisation });
      await navigate('/compte');
    });
  };
  return (
    <StepPage step="membership" n={4} account={account}>
      <form className="card" onSubmit={submit}>
        <FormError error={formError} />
        <div className="field">
          <label htmlFor="membership">{t('register.membershipType')}</label>
          <select
            id="membership"
            value={membershipType}
            onChange={(e) => setMembershipType(e.target.value as typeof membershipType)}
          >
            {(['individual', 'corporate', 'student', 'none'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`register.membershipTypes.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('register.organisation')}
          name="organisation"
          autoComplete="organization"
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
        />
        <button className="button primary" type="submit" disabled={busy}>
          {t('register.finish')}
        </button>
      </form>
    </StepPage>
  );
}

function StepPage({
  step,
  n,
  account,
  children,
}: {
  step: 'profile' | 'preferences' | 'membership';
  n: number;
  account: AccountView | null;
  children: React.ReactNode;
}) {
  const { t } = useTranslation('accounts');
  return (
    <div className="narrow">
      <h1>{t(`register.steps.${step}`)}</h1>
      <StepNav current={step} done={account?.steps ?? { account: true }} />
      <p className="step-of">{t('register.stepOf', { n })}</p>
      {children}
    </div>
  );
}
