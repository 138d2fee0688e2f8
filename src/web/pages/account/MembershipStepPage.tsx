import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { put } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import type { AccountReply } from '../../../shared/api/accounts';
import { useAccount, useFieldFromAccount } from './useAccount';
import { StepPage } from './StepPage';

/** Step 4 « Mon membership ». */
export function MembershipStepPage() {
  const { t } = useTranslation('accounts');
  const navigate = useNavigate();
  const { account } = useAccount();
  const [membershipType, setMembershipType, fillMembershipType] =
    useFieldFromAccount<NonNullable<AccountReply['membershipType']>>('individual');
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
