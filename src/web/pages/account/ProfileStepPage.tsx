import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, put } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { useSession } from '../../session';
import { useAccount } from './useAccount';
import { StepPage } from './StepPage';

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
