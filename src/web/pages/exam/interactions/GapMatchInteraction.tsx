import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../../i18n/localized';
import { pairsOf, usedUp, type InteractionProps } from './interaction';

/**
 * `gap_match`: the sentence, each gap a labelled list of the item's words (« Espace 1 »…, numbered in reading
 * order). A word used as many times as its `matchMax` allows is offered no more. The response holds one pair
 * `"<word> <gap>"` per gap filled.
 */
export function GapMatchInteraction({ item, response, disabled, lang, labelledBy, onChange }: InteractionProps) {
  const { t } = useTranslation('exam');
  const parts = (lang.startsWith('en') && item.cloze?.en ? item.cloze.en : item.cloze?.fr) ?? [];
  const bySlot = new Map(pairsOf(response).map(([word, slot]) => [slot, word]));
  const uses = new Map<string, number>();
  for (const word of bySlot.values()) uses.set(word, (uses.get(word) ?? 0) + 1);
  const slotOrder = parts.flatMap((p) => (typeof p === 'string' ? [] : [p.slot]));

  const choose = (slotId: string, wordId: string) => {
    const next = new Map(bySlot);
    if (wordId) next.set(slotId, wordId);
    else next.delete(slotId);
    onChange(slotOrder.filter((s) => next.has(s)).map((s) => `${next.get(s)} ${s}`));
  };
  const hintId = `hint-${item.id}`;

  return (
    <fieldset className="gap-match" disabled={disabled} aria-labelledby={labelledBy} aria-describedby={hintId}>
      <p className="hint" id={hintId}>
        {t('question.gapHint')}
      </p>
      <p className="cloze">
        {parts.map((part, i) => {
          if (typeof part === 'string') return <Fragment key={i}>{part}</Fragment>;
          const n = slotOrder.indexOf(part.slot) + 1;
          const current = bySlot.get(part.slot) ?? '';
          return (
            <select
              key={i}
              className={`cloze-gap ${current ? 'cloze-gap-done' : ''}`}
              aria-label={t('question.gap', { n })}
              value={current}
              onChange={(e) => choose(part.slot, e.target.value)}
            >
              <option value="">{t('question.gapEmpty', { n })}</option>
              {item.choices.map((word) => {
                const taken = word.id !== current && usedUp(word.matchMax, uses.get(word.id) ?? 0);
                return (
                  <option key={word.id} value={word.id} disabled={taken}>
                    {localized(word.text, lang)}
                    {taken ? ` ${t('question.taken')}` : ''}
                  </option>
                );
              })}
            </select>
          );
        })}
      </p>
    </fieldset>
  );
}
