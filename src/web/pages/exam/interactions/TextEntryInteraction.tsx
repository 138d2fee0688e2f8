import { useTranslation } from 'react-i18next';
import type { InteractionProps } from './interaction';

/**
 * `text_entry`: one field, labelled « Votre réponse », as wide as the answer expected. A number may be written
 * with a comma or a point. The response is what the learner typed (nothing typed: no response).
 */
export function TextEntryInteraction({ item, response, disabled, labelledBy, onChange }: InteractionProps) {
  const { t } = useTranslation('exam');
  const number = item.entry?.kind === 'number';
  const inputId = `entry-${item.id}`;
  const hintId = `hint-${item.id}`;
  return (
    <fieldset className="text-entry" disabled={disabled} aria-labelledby={labelledBy} aria-describedby={hintId}>
      <p className="hint" id={hintId}>
        {number ? t('question.entryNumber') : t('question.entryText')}
      </p>
      <div className="field entry-field">
        <label htmlFor={inputId}>{t('question.entryLabel')}</label>
        <input
          id={inputId}
          type="text"
          inputMode={number ? 'decimal' : 'text'}
          autoComplete="off"
          spellCheck={false}
          size={Math.min(Math.max(item.entry?.expectedLength ?? 20, 4), 40)}
          value={response[0] ?? ''}
          onChange={(e) => onChange(e.target.value.trim() === '' ? [] : [e.target.value])}
        />
      </div>
    </fieldset>
  );
}
