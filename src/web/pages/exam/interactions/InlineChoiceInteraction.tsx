import { useTranslation } from 'react-i18next';
import { ClozeSelects } from './ClozeSelects';
import { pairsOf, type InteractionProps } from './interaction';

/**
 * `inline_choice`: the sentence, each place a labelled list of its own options (« Espace 1 »…, in reading
 * order). The response holds one pair `"<place> <option>"` per place filled.
 */
export function InlineChoiceInteraction({ response, ...props }: InteractionProps) {
  const { t } = useTranslation('exam');
  const slots = new Map((props.item.slots ?? []).map((s) => [s.id, s]));

  return (
    <ClozeSelects
      {...props}
      className="inline-choice"
      hint={t('question.inlineHint')}
      chosen={new Map(pairsOf(response))}
      optionsFor={(slotId) => slots.get(slotId)?.choices ?? []}
      pairOf={(slotId, choiceId) => `${slotId} ${choiceId}`}
    />
  );
}
