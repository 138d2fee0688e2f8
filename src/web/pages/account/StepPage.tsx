import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StepNav } from './StepNav';
import type { AccountReply } from '../../../shared/api/accounts';

/** The frame of steps 2 to 4: the title, the steps and « Étape n de 4 ». */
export function StepPage({
  step,
  n,
  account,
  children,
}: {
  step: 'profile' | 'preferences' | 'membership';
  n: number;
  account: AccountReply | null;
  children: ReactNode;
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
