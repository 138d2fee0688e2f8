import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError } from '../../../components/Field';
import { DateOfBirthField } from './DateOfBirthField';
import type { IdentityView } from '../../../../shared/api/desk';

export interface Finding {
  code: string;
  field: string;
  message: string;
}

export interface Findings {
  errors: Finding[];
  mismatch: Finding | null;
  warnings: Finding[];
}

export interface IdentityDraft {
  documentType: IdentityView['documentType'];
  number: string;
  dateOfBirth: string;
  overrideReason: string;
  acknowledged: boolean;
}

const messagesFor = (findings: Finding[], field: string) =>
  findings
    .filter((f) => f.field === field)
    .map((f) => f.message)
    .join(' ') || null;

/** The form itself: the card, its number, the date of birth, and what the server found doubtful. */
export function IdentityForm({
  draft,
  findings,
  busy,
  error,
  onChange,
  onSubmit,
  onCancel,
}: {
  draft: IdentityDraft;
  findings: Findings;
  busy: boolean;
  error: string | null;
  onChange: (patch: Partial<IdentityDraft>) => void;
  onSubmit: (e: FormEvent) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('identity');
  const reasonId = useId();
  const reasonError = messagesFor(findings.errors, 'overrideReason');
  return (
    <form onSubmit={onSubmit} noValidate className="identity-form">
      <p className="hint">{t('intro')}</p>
      {findings.errors.length > 0 && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('refused')}</p>
          <ul>
            {findings.errors.map((f) => (
              <li key={f.code}>{f.message}</li>
            ))}
          </ul>
        </div>
      )}
      <fieldset className="field identity-choice">
        <legend>{t('documentType')}</legend>
        {(['licence', 'health'] as const).map((type) => (
          <label key={type} className="check">
            <input
              type="radio"
              name="documentType"
              value={type}
              checked={draft.documentType === type}
              onChange={() => onChange({ documentType: type })}
            />
            {t(type)}
          </label>
        ))}
      </fieldset>
      <Field
        label={t('number')}
        hint={t(`numberHint.${draft.documentType}`)}
        error={messagesFor(findings.errors, 'number')}
        value={draft.number}
        onChange={(e) => onChange({ number: e.target.value })}
        autoComplete="off"
        spellCheck={false}
        className="mono upper"
        maxLength={40}
        required
      />
      <DateOfBirthField
        value={draft.dateOfBirth}
        onChange={(dateOfBirth) => onChange({ dateOfBirth })}
        hint={t('dateOfBirthHint')}
        error={messagesFor(findings.errors, 'dateOfBirth')}
      />
      {findings.mismatch && (
        <div className="alert alert-warn" role="alert">
          <p className="alert-title">{t('mismatchTitle')}</p>
          <p>{findings.mismatch.message}</p>
          <div className="field">
            <label htmlFor={reasonId}>{t('overrideReason')}</label>
            <textarea
              id={reasonId}
              rows={3}
              maxLength={500}
              value={draft.overrideReason}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={`${reasonId}-hint`}
              onChange={(e) => onChange({ overrideReason: e.target.value })}
            />
            <p className="hint" id={`${reasonId}-hint`}>
              {t('overrideHint')}
            </p>
            {reasonError && (
              <p className="field-error" role="alert">
                {reasonError}
              </p>
            )}
          </div>
        </div>
      )}
      {findings.warnings.length > 0 && (
        <div className="alert alert-warn" role="alert">
          <p className="alert-title">{t('warningsTitle')}</p>
          <ul>
            {findings.warnings.map((f) => (
              <li key={f.code}>{f.message}</li>
            ))}
          </ul>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.acknowledged}
              onChange={(e) => onChange({ acknowledged: e.target.checked })}
            />
            {t('acknowledge')}
          </label>
        </div>
      )}
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('save')}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
