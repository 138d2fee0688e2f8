import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import type { DeskState } from './useDesk';

/** Registers the browser in front of the operator as one of the service point's exam workstations. */
export function WorkstationPanel({ desk, onChange }: { desk: DeskState; onChange: () => void }) {
  const { t } = useTranslation('desk');
  const [choice, setChoice] = useState(desk.workstations[0]?.id ?? '');
  const mine = desk.workstations.find((w) => w.id === desk.thisBrowserWorkstationId);
  return (
    <details className="card workstation-panel">
      <summary>
        <strong>{t('workstation.title')}</strong> —{' '}
        {mine ? t('workstation.registered', { name: mine.name }) : t('workstation.notRegistered')}
      </summary>
      <p className="hint">{t('workstation.hint')}</p>
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
          onClick={() => void post(`/api/desk/workstations/${choice}/register`).then(onChange)}
        >
          {t('workstation.register')}
        </button>
        {mine && (
          <button
            className="button"
            type="button"
            onClick={() => void post('/api/desk/workstation/forget').then(onChange)}
          >
            {t('workstation.forget')}
          </button>
        )}
      </div>
    </details>
  );
}
