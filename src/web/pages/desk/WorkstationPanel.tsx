import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OkReply } from '../../../shared/api/common';
import type { DeskReply, RegisterWorkstationReply } from '../../../shared/api/desk';
import { post } from '../../api/client';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';

/** Registers the browser in front of the operator as one of the service point's exam workstations. */
export function WorkstationPanel({ desk, onChange }: { desk: DeskReply; onChange: () => void }) {
  const { t } = useTranslation('desk');
  const [choice, setChoice] = useState(desk.workstations[0]?.id ?? '');
  const { run, busy, error } = useAction();
  const act = (url: string) =>
    void run(() => post<RegisterWorkstationReply | OkReply>(url)).then((ok) => ok && onChange());
  const mine = desk.workstations.find((w) => w.id === desk.thisBrowserWorkstationId);
  return (
    <details className="card workstation-panel">
      <summary>
        <strong>{t('workstation.title')}</strong> —{' '}
        {mine ? t('workstation.registered', { name: mine.name }) : t('workstation.notRegistered')}
      </summary>
      <p className="hint">{t('workstation.hint')}</p>
      <FormError error={error} />
      <div className="inline-form">
        <label htmlFor="ws-choice" className="visually-hidden">
          {t('file.workstation')}
        </label>
        <select id="ws-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
          {desk.workstations.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        <button
          className="button"
          type="button"
          disabled={busy}
          onClick={() => act(`/api/desk/workstations/${choice}/register`)}
        >
          {t('workstation.register')}
        </button>
        {mine && (
          <button className="button" type="button" disabled={busy} onClick={() => act('/api/desk/workstation/forget')}>
            {t('workstation.forget')}
          </button>
        )}
      </div>
    </details>
  );
}
