import { useTranslation } from 'react-i18next';
import type { DeliveredItem } from '../../../shared/exam';
import { isAnswered } from './answered';
import type { LocalAnswer } from './useAttempt';

/** The panel to jump to any question, each cell saying whether it is answered and flagged. */
export function QuestionPanel(props: {
  items: DeliveredItem[];
  answers: Record<string, LocalAnswer>;
  index: number;
  go: (i: number) => void;
}) {
  const { items, answers, index, go } = props;
  const { t } = useTranslation('exam');
  const answeredCount = items.filter((it) => isAnswered(answers[it.id], it)).length;
  return (
    <nav className="card" aria-label={t('panel.title')}>
      <h2>{t('panel.title')}</h2>
      <p className="hint">{t('panel.summary', { answered: answeredCount, total: items.length })}</p>
      <ol className="panel-grid">
        {items.map((it, i) => {
          const a = answers[it.id];
          const states = [
            isAnswered(a, it) ? t('panel.answered') : t('panel.unanswered'),
            ...(a?.flagged ? [t('panel.flagged')] : []),
          ];
          return (
            <li key={it.id}>
              <button
                type="button"
                className={`panel-cell ${isAnswered(a, it) ? 'is-answered' : ''} ${a?.flagged ? 'is-flagged' : ''}`}
                aria-current={i === index ? 'step' : undefined}
                aria-label={`${t('panel.goTo', { n: i + 1 })} — ${states.join(', ')}`}
                onClick={() => go(i)}
              >
                {i + 1}
              </button>
            </li>
          );
        })}
      </ol>
      <ul className="panel-legend" aria-hidden="true">
        <li>
          <span className="panel-cell is-answered">1</span> {t('panel.answered')}
        </li>
        <li>
          <span className="panel-cell is-flagged">2</span> {t('panel.flagged')}
        </li>
        <li>
          <span className="panel-cell">3</span> {t('panel.unanswered')}
        </li>
      </ul>
    </nav>
  );
}
