import { useTranslation } from 'react-i18next';
import { ClozeSelects } from './ClozeSelects';
import { pairsOf, usedUp, type InteractionProps } from './interaction';

/**
 * `gap_match`: the sentence, each gap a labelled list of the item's words (« Espace 1 »…, numbered in reading
 * order). A word used as many times as its `matchMax` allows is offered no more. The response holds one pair
 * `"<word> <gap>"` per gap filled.
 */
export function GapMatchInteraction({ response, ...props }: InteractionProps) {
  const { t } = useTranslation('exam');
  const bySlot = new Map(pairsOf(response).map(([word, slot]) => [slot, word]));
  const uses = new Map<string, number>();
  for (const word of bySlot.values()) uses.set(word, (uses.get(word) ?? 0) + 1);

  return (
    <ClozeSelects
      {...props}
      className="gap-match"
      hint={t('question.gapHint')}
      chosen={bySlot}
      optionsFor={(slotId) =>
        props.item.choices.map((word) => ({
          ...word,
          taken: word.id !== bySlot.get(slotId) && usedUp(word.matchMax, uses.get(word.id) ?? 0),
        }))
      }
      pairOf={(slotId, wordId) => `${wordId} ${slotId}`}
    />
  );
}
