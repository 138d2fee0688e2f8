import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../../i18n/localized';
import { imageSrc, type InteractionProps } from './interaction';

/**
 * `order`: the steps as a numbered list, each with « Monter » and « Descendre » buttons (named with the step's
 * text). The list starts in the attempt's order; every move saves the whole order (every id, as the response
 * writes it). After a move the focus stays on the button pressed, on the step moved, and the new place is said.
 */
export function OrderInteraction({ item, response, disabled, lang, labelledBy, onChange }: InteractionProps) {
  const { t } = useTranslation('exam');
  const ids = item.choices.map((c) => c.id);
  const order = response.length === ids.length && ids.every((id) => response.includes(id)) ? response : ids;
  const byId = new Map(item.choices.map((c) => [c.id, c]));
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [moved, setMoved] = useState<{ key: string; n: number } | null>(null);
  useEffect(() => {
    if (moved) buttons.current.get(moved.key)?.focus();
  }, [moved]);

  const move = (id: string, by: -1 | 1) => {
    const from = order.indexOf(id);
    const to = from + by;
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    [next[from], next[to]] = [next[to]!, next[from]!];
    // At the ends the other button takes the focus (the one pressed is then disabled).
    const dir = to === 0 ? 'down' : to === order.length - 1 ? 'up' : by < 0 ? 'up' : 'down';
    setMoved({ key: `${id}-${dir}`, n: to + 1 });
    onChange(next);
  };
  const hintId = `hint-${item.id}`;

  return (
    <fieldset className="order" disabled={disabled} aria-labelledby={labelledBy} aria-describedby={hintId}>
      <p className="hint" id={hintId}>
        {t('question.orderHint')}
      </p>
      <ol className="order-list">
        {order.map((id, i) => {
          const step = byId.get(id);
          if (!step) return null;
          const text = localized(step.text, lang);
          return (
            <li className="order-step" key={id}>
              <span className="order-rank" aria-hidden="true">
                {i + 1}
              </span>
              {step.image && <img className="order-picture" src={imageSrc(step.image)} alt="" />}
              <span className="order-text">{text}</span>
              <span className="order-moves">
                <button
                  type="button"
                  className="button"
                  ref={(el) => void (el ? buttons.current.set(`${id}-up`, el) : buttons.current.delete(`${id}-up`))}
                  disabled={i === 0}
                  aria-label={t('question.moveUp', { step: text })}
                  onClick={() => move(id, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button"
                  ref={(el) => void (el ? buttons.current.set(`${id}-down`, el) : buttons.current.delete(`${id}-down`))}
                  disabled={i === order.length - 1}
                  aria-label={t('question.moveDown', { step: text })}
                  onClick={() => move(id, 1)}
                >
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {moved ? t('question.movedTo', { n: moved.n, total: order.length }) : ''}
      </p>
    </fieldset>
  );
}
