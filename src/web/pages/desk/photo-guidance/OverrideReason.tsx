import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

const LISTED = ['checkerWrong', 'cannotRetake', 'medical'] as const;
type Choice = (typeof LISTED)[number] | 'other';

/**
 * Saving a photo that failed an automatic check is the operator's decision: a reason from a short list, or
 * written. The listed reasons are recorded in French (the record's language), a written one as typed.
 */
export function OverrideReason({ onChange }: { onChange: (reason: string) => void }) {
  const { t, i18n } = useTranslation('photoChecks');
  const legendId = useId();
  const otherId = useId();
  const [choice, setChoice] = useState<Choice | null>(null);
  const [other, setOther] = useState('');
  const fr = i18n.getFixedT('fr', 'photoChecks');
  const pick = (c: Choice, text = other) => {
    setChoice(c);
    onChange(c === 'other' ? text.trim() : fr(`override.${c}`));
  };
  return (
    <fieldset className="override-reason" aria-labelledby={legendId}>
      <legend id={legendId}>{t('override.legend')}</legend>
      {LISTED.map((c) => (
        <label key={c} className="check">
          <input type="radio" name={legendId} checked={choice === c} onChange={() => pick(c)} />
          {t(`override.${c}`)}
        </label>
      ))}
      <label className="check">
        <input type="radio" name={legendId} checked={choice === 'other'} onChange={() => pick('other')} />
        {t('override.other')}
      </label>
      {choice === 'other' && (
        <div className="field">
          <label htmlFor={otherId}>{t('override.otherLabel')}</label>
          <textarea
            id={otherId}
            rows={2}
            maxLength={500}
            value={other}
            onChange={(e) => {
              setOther(e.target.value);
              pick('other', e.target.value);
            }}
          />
        </div>
      )}
    </fieldset>
  );
}
