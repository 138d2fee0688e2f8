import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../../shared/exam';
import { localized } from '../../../i18n/localized';
import type { InteractionProps } from './interaction';

/** An option of a gap's list; a `taken` one (used as often as it may be) is offered no more. */
interface ClozeOption {
  id: string;
  text: LocalizedText;
  taken?: boolean;
}

/**
 * The sentence of a `gap_match` or `inline_choice` item, each gap a labelled list (« Espace 1 »…, numbered in
 * reading order) under the item's hint. `chosen` maps a gap to what fills it; `optionsFor` says what its list
 * offers; `pairOf` writes one gap's pair as the item type's response holds it (src/shared/exam.ts), the pairs
 * in reading order.
 */
export function ClozeSelects({
  item,
  disabled,
  lang,
  labelledBy,
  onChange,
  className,
  hint,
  chosen,
  optionsFor,
  pairOf,
}: Omit<InteractionProps, 'response'> & {
  className: string;
  hint: string;
  chosen: Map<string, string>;
  optionsFor: (slotId: string) => ClozeOption[];
  pairOf: (slotId: string, optionId: string) => string;
}) {
  const { t } = useTranslation('exam');
  const parts = (lang.startsWith('en') && item.cloze?.en ? item.cloze.en : item.cloze?.fr) ?? [];
  const slotOrder = parts.flatMap((p) => (typeof p === 'string' ? [] : [p.slot]));

  const choose = (slotId: string, optionId: string) => {
    const next = new Map(chosen);
    if (optionId) next.set(slotId, optionId);
    else next.delete(slotId);
    onChange(slotOrder.filter((s) => next.has(s)).map((s) => pairOf(s, next.get(s)!)));
  };
  const hintId = `hint-${item.id}`;

  return (
    <fieldset className={className} disabled={disabled} aria-labelledby={labelledBy} aria-describedby={hintId}>
      <p className="hint" id={hintId}>
        {hint}
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
              {optionsFor(part.slot).map((o) => (
                <option key={o.id} value={o.id} disabled={o.taken}>
                  {localized(o.text, lang)}
                  {o.taken ? ` ${t('question.taken')}` : ''}
                </option>
              ))}
            </select>
          );
        })}
      </p>
    </fieldset>
  );
}
