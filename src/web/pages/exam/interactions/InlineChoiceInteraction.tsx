import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../../i18n/localized';
import { pairsOf, type InteractionProps } from './interaction';

/**
 * `inline_choice`: the sentence, each place a labelled list of its own options (« Espace 1 »…, in reading
 * order). The response holds one pair `"<place> <option>"` per place filled.
 */
export function InlineChoiceInteraction({ item, response, disabled, lang, labelledBy, onChange }: InteractionProps) {
  const { t } = useTranslation('exam');
  const parts = (lang.startsWith('en') && item.cloze?.en ? item.cloze.en : item.cloze?.fr) ?? [];
  const chosen = new Map(pairsOf(response));
  const slotOrder = parts.flatMap((p) => (typeof p === 'string' ? [] : [p.slot]));
  const slots = new Map((item.slots ?? []).map((s) => [s.id, s]));

  const choose = (slotId: string, choiceId: string) => {
    const next = new Map(chosen);
    if (choiceId) next.set(slotId, choiceId);
    else next.delete(slotId);
    onChange(slotOrder.filter((s) => next.has(s)).map((s) => `${s} ${next.get(s)}`));
  };
  const hintId = `hint-${item.id}`;

  return (
    <fieldset className="inline-choice" disabled={disabled} aria-labelledby={labelledBy} aria-describedby={hintId}>
      <p className="hint" id={hintId}>
        {t('question.inlineHint')}
      </p>
      <p className="cloze">
        {parts.map((part, i) => {
          if (typeof part === 'string') return <Fragment key={i}>{part}</Fragment>;
          const n = slotOrder.indexOf(part.slot) + 1;
          const current = chosen.get(part.slot) ?? '';
          return (
            <select
              key={i}
              className={`cloze-gap ${current ? 'cloze-gap-done' : ''}`}
              aria-label={t('question.gap', { n })}
              value={current}
              onChange={(e) => choose(part.slot, e.target.value)}
            >
              <option value="">{t('question.gapEmpty', { n })}</option>
              {(slots.get(part.slot)?.choices ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {localized(c.text, lang)}
                </option>
              ))}
            </select>
          );
        })}
      </p>
    </fieldset>
  );
}
