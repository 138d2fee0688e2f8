import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskReply } from '../../../shared/api/desk';
import { post } from '../../api/client';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';

/** Shows which service point every desk screen acts for; an operator of several chooses one for the session. */
export function DeskHeader({ desk, onChange }: { desk: DeskReply; onChange: () => void }) {
  const { t } = useTranslation('desk');
  const [choice, setChoice] = useState(desk.currentServicePointId ?? desk.servicePoints[0]?.id ?? '');
  const { run, busy, error } = useAction();
  const current = desk.servicePoints.find((sp) => sp.id === desk.currentServicePointId);
  if (current && desk.servicePoints.length === 1) {
    return (
      <p className="desk-sp">
        <span className="badge badge-info">{t('servicePoint')}</span>{' '}
        <strong data-testid="service-point">{current.name}</strong>
      </p>
    );
  }
  return (
    <form
      className="desk-sp card"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => post('/api/desk/service-point', { servicePointId: choice })).then((ok) => ok && onChange());
      }}
    >
      <label htmlFor="sp-choice">{current ? t('servicePoint') : t('chooseServicePoint')}</label>{' '}
      <select id="sp-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
        {desk.servicePoints.map((sp) => (
          <option key={sp.id} value={sp.id}>
            {sp.name}
          </option>
        ))}
      </select>{' '}
      <button className="button" type="submit" disabled={busy}>
        {t('choose')}
      </button>
      <FormError error={error} />
    </form>
  );
}
