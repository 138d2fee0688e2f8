import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveredItem } from '../../../shared/exam';
import { ItemStem } from './ItemStem';
import { localized } from '../../i18n/localized';
import type { LocalAnswer } from './useAttempt';

/** One question: heading, stem, image, choices, « À revoir », previous / next. */
export const QuestionCard = forwardRef<
  HTMLHeadingElement,
  {
    item: DeliveredItem;
    index: number;
    total: number;
    answer: LocalAnswer;
    disabled: boolean;
    onChange: (itemId: string, choiceIds: string[], flagged: boolean) => void;
    go: (i: number) => void;
  }
>(function QuestionCard({ item, index, total, answer, disabled, onChange, go }, heading) {
  const { t, i18n } = useTranslation('exam');
  const lang = i18n.language;
  const single = item.type !== 'multiple';
  // At the item's max-choices, the other boxes wait until one is unticked (the server refuses more too).
  const full = !single && item.maxChoices !== undefined && answer.choiceIds.length >= item.maxChoices;

  const choose = (choiceId: string, checked: boolean) => {
    let next: string[];
    if (single) next = [choiceId];
    else {
      const set = new Set(answer.choiceIds);
      if (checked) set.add(choiceId);
      else set.delete(choiceId);
      next = item.choices.map((c) => c.id).filter((id) => set.has(id));
    }
    onChange(item.id, next, answer.flagged);
  };
  const stemId = `stem-${item.id}`;
  const hint = single
    ? t('question.chooseOne')
    : item.maxChoices !== undefined
      ? t('question.chooseAtMost', { count: item.maxChoices })
      : t('question.chooseMany');

  return (
    <section className="exam-question card" aria-labelledby="question-heading">
      <h2 id="question-heading" ref={heading} tabIndex={-1}>
        {t('question.heading', { n: index + 1, total })}{' '}
        <span className="question-points">({t('question.points', { count: item.points })})</span>
      </h2>
      <ItemStem item={item} lang={lang} id={stemId} />
      {item.image && (
        <img
          className="question-image"
          src={`data:${item.image.mime};base64,${item.image.data}`}
          alt={item.image.alt ? localized(item.image.alt, lang) : ''}
        />
      )}
      <fieldset className="choices" disabled={disabled} aria-labelledby={stemId} aria-describedby={`hint-${item.id}`}>
        <p className="hint" id={`hint-${item.id}`}>
          {hint}
        </p>
        {item.choices.map((c) => {
          const id = `choice-${item.id}-${c.id}`;
          const checked = answer.choiceIds.includes(c.id);
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
              <label htmlFor={id}>{localized(c.text, lang)}</label>
            </div>
          );
        })}
        <div className="check flag">
          <input
            id={`flag-${item.id}`}
            type="checkbox"
            checked={answer.flagged}
            onChange={(e) => onChange(item.id, answer.choiceIds, e.target.checked)}
          />
          <label htmlFor={`flag-${item.id}`}>{t('question.flag')}</label>
        </div>
      </fieldset>
      <div className="exam-nav">
        <button type="button" className="button" disabled={index === 0} onClick={() => go(index - 1)}>
          ← {t('question.previous')}
        </button>
        <button type="button" className="button" disabled={index === total - 1} onClick={() => go(index + 1)}>
          {t('question.next')} →
        </button>
      </div>
    </section>
  );
});
