import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import type { AccommodationReply } from '../../../shared/api/desk';
import { accommodationKinds } from '../../../shared/desk-care';

type Kind = (typeof accommodationKinds)[number];

/** « Ajouter une mesure »: which measure, its reason, who granted it and the last day it holds. */
export function AccommodationForm({ learnerId, onDone }: { learnerId: string; onDone: () => void }) {
  const { t } = useTranslation('care');
  const id = useId();
  const [kind, setKind] = useState<Kind | ''>('');
  const [minutes, setMinutes] = useState('');
  const [reason, setReason] = useState('');
  const [grantedBy, setGrantedBy] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const { run, busy, formError, fieldError } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await post<AccommodationReply>(`/api/desk/learners/${encodeURIComponent(learnerId)}/accommodations`, {
        kind,
        ...(kind === 'extra_minutes' ? { minutes: Number(minutes) } : {}),
        reason,
        grantedBy,
        validUntil,
      });
      setKind('');
      setMinutes('');
      setReason('');
      setGrantedBy('');
      setValidUntil('');
      onDone();
    });
  };
  return (
    <form onSubmit={submit} className="care-form">
      <FormError error={formError} />
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('accommodations.kindLabel')}</label>
        <select id={`${id}-kind`} required value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="" />
          {accommodationKinds.map((k) => (
            <option key={k} value={k}>
              {t(`accommodations.kind.${k === 'extra_minutes' ? 'extra_minutes_option' : k}`)}
            </option>
          ))}
        </select>
        {fieldError('kind') && (
          <p className="field-error" role="alert">
            {fieldError('kind')}
          </p>
        )}
      </div>
      {kind === 'extra_minutes' && (
        <Field
          label={t('accommodations.minutes')}
          type="number"
          inputMode="numeric"
          min={1}
          max={600}
          required
          value={minutes}
          error={fieldError('minutes')}
          onChange={(e) => setMinutes(e.target.value)}
        />
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('accommodations.reason')}</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          required
          minLength={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {fieldError('reason') && (
          <p className="field-error" role="alert">
            {fieldError('reason')}
          </p>
        )}
      </div>
      <Field
        label={t('accommodations.grantedBy')}
        hint={t('accommodations.grantedByHint')}
        required
        minLength={2}
        maxLength={200}
        value={grantedBy}
        error={fieldError('grantedBy')}
        onChange={(e) => setGrantedBy(e.target.value)}
      />
      <Field
        label={t('accommodations.validUntil')}
        type="date"
        required
        value={validUntil}
        error={fieldError('validUntil')}
        onChange={(e) => setValidUntil(e.target.value)}
      />
      <button type="submit" className="button primary" disabled={busy}>
        {t('accommodations.save')}
      </button>
    </form>
  );
}
