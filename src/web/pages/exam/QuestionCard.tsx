import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveredItem } from '../../../shared/exam';
import { ItemInteraction } from './interactions/ItemInteraction';
import { imageSrc } from './interactions/interaction';
import { ItemStem } from './ItemStem';
import { localized } from '../../i18n/localized';
import type { LocalAnswer } from './useAttempt';

/** One question: heading, stem, image, what the learner does (by item type), « À revoir », previous / next. */
export const QuestionCard = forwardRef<
  HTMLHeadingElement,
  {
    item: DeliveredItem;
    index: number;
    total: number;
    answer: LocalAnswer;
    disabled: boolean;
    onChange: (itemId: string, response: string[], flagged: boolean) => void;
    go: (i: number) => void;
  }
>(function QuestionCard({ item, index, total, answer, disabled, onChange, go }, heading) {
  const { t, i18n } = useTranslation('exam');
  const lang = i18n.language;
  const stemId = `stem-${item.id}`;

  return (
    <section className="exam-question card" aria-labelledby="question-heading">
      <h2 id="question-heading" ref={heading} tabIndex={-1}>
        {t('question.heading', { n: index + 1, total })}{' '}
        <span className="question-points">({t('question.points', { count: item.points })})</span>
      </h2>
      <ItemStem item={item} lang={lang} id={stemId} />
      {item.image && item.type !== 'hotspot' && (
        <img
          className="question-image"
          src={imageSrc(item.image)}
          alt={item.image.alt ? localized(item.image.alt, lang) : ''}
        />
      )}
      <ItemInteraction
        item={item}
        response={answer.choiceIds}
        disabled={disabled}
        lang={lang}
        labelledBy={stemId}
        onChange={(response) => onChange(item.id, response, answer.flagged)}
      />
      <div className="check flag">
        <input
          id={`flag-${item.id}`}
          type="checkbox"
          checked={answer.flagged}
          disabled={disabled}
          onChange={(e) => onChange(item.id, answer.choiceIds, e.target.checked)}
        />
        <label htmlFor={`flag-${item.id}`}>{t('question.flag')}</label>
      </div>
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
