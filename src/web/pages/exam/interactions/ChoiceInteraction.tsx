import { useTranslation } from 'react-i18next';
import { localized } from '../../../i18n/localized';
import { imageSrc, type InteractionProps } from './interaction';
import { MinChoicesStatus } from './MinChoicesStatus';

/**
 * `single`, `true_false` (radio buttons) and `multiple` (check boxes). A choice may be a picture (a road sign):
 * the picture is shown and the choice's text, written under it, is its accessible name.
 */
export function ChoiceInteraction({ item, response, disabled, lang, labelledBy, onChange }: InteractionProps) {
  const { t } = useTranslation('exam');
  const single = item.type !== 'multiple';
  // At the item's max-choices, the other boxes wait until one is unticked (the server refuses more too).
  const full = !single && item.maxChoices !== undefined && response.length >= item.maxChoices;
  const pictures = item.choices.some((c) => c.image);

  const choose = (choiceId: string, checked: boolean) => {
    if (single) return onChange([choiceId]);
    const set = new Set(response);
    if (checked) set.add(choiceId);
    else set.delete(choiceId);
    onChange(item.choices.map((c) => c.id).filter((id) => set.has(id)));
  };
  const min = item.minChoices ?? 0;
  const max = item.maxChoices;
  // One description for the group: « several », and how many at least / at most when the item says so.
  const hint = single
    ? t('question.chooseOne')
    : min > 1 && max !== undefined
      ? min === max
        ? t('question.chooseExactly', { count: min })
        : t('question.chooseBetween', { min, max })
      : min > 1
        ? t('question.chooseManyAtLeast', { count: min })
        : max !== undefined
          ? t('question.chooseAtMost', { count: max })
          : t('question.chooseMany');

  return (
    <fieldset
      className={`choices ${pictures ? 'choices-pictures' : ''}`}
      disabled={disabled}
      aria-labelledby={labelledBy}
      aria-describedby={`hint-${item.id}`}
    >
      <p className="hint" id={`hint-${item.id}`}>
        {hint}
      </p>
      {item.choices.map((c) => {
        const id = `choice-${item.id}-${c.id}`;
        const checked = response.includes(c.id);
        return (
          <div className={`choice ${checked ? 'choice-checked' : ''}`} key={c.id}>
            <input
              id={id}
              type={single ? 'radio' : 'checkbox'}
              name={`item-${item.id}`}
              checked={checked}
              disabled={full && !checked}
              onChange={(e) => choose(c.id, e.target.checked)}
            />
            <label htmlFor={id}>
              {c.image && <img className="choice-picture" src={imageSrc(c.image)} alt="" />}
              <span>{localized(c.text, lang)}</span>
            </label>
          </div>
        );
      })}
      {!single && <MinChoicesStatus item={item} response={response} />}
    </fieldset>
  );
}
