import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttemptDelivery } from '../../../shared/attempt';
import type { DeliveredItem } from '../../../shared/exam';
import type { QueueStatus } from './answerQueue';
import { Countdown } from './Countdown';
import { Dialog } from './Dialog';
import type { ServerClock } from './serverClock';
import { localized } from './text';
import type { LocalAnswer } from './useAttempt';

interface Props {
  delivery: AttemptDelivery & { items: DeliveredItem[]; deadlineAt: string };
  answers: Record<string, LocalAnswer>;
  status: QueueStatus;
  saveError: string | null;
  clock: ServerClock;
  timeUp: boolean;
  onTimeUp: () => void;
  onChange: (itemId: string, choiceIds: string[], flagged: boolean) => void;
  onSubmit: () => Promise<'done' | 'pending'>;
}

const isAnswered = (a: LocalAnswer | undefined) => !!a && a.choiceIds.length > 0;

function SaveStatus({ status, error }: { status: QueueStatus; error: string | null }) {
  const { t } = useTranslation('exam');
  const text =
    status === 'offline'
      ? t('status.offline')
      : status === 'signedOut'
        ? t('status.signedOut')
        : status === 'saving'
          ? t('status.saving')
          : t('status.saved');
  return (
    <div className="save-status-wrap">
      <p className={`save-status save-${status}`} role="status" aria-live="polite" data-testid="save-status">
        {text}
      </p>
      {error && (
        <p className="save-status save-error" role="alert">
          {t('status.error', { message: error })}
        </p>
      )}
    </div>
  );
}

/** One question per screen, the panel to jump to any question, the countdown, the save status, « Terminer ». */
export function TakingView(props: Props) {
  const { delivery, answers, onChange } = props;
  const { t, i18n } = useTranslation('exam');
  const lang = i18n.language;
  const items = delivery.items;
  const [index, setIndex] = useState(() => {
    const firstOpen = items.findIndex((i) => !isAnswered(answers[i.id]));
    return firstOpen === -1 ? 0 : firstOpen;
  });
  const [finishing, setFinishing] = useState(false);
  const [finishBusy, setFinishBusy] = useState(false);
  const [finishPending, setFinishPending] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const item = items[index]!;
  const answer = answers[item.id] ?? { choiceIds: [], flagged: false };
  const single = item.type !== 'multiple';

  const go = useCallback((i: number) => {
    moved.current = true;
    setIndex(i);
  }, []);
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [index]);

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

  const unanswered = items.map((it, i) => (isAnswered(answers[it.id]) ? 0 : i + 1)).filter(Boolean);
  const flagged = items.map((it, i) => (answers[it.id]?.flagged ? i + 1 : 0)).filter(Boolean);
  const answeredCount = items.length - unanswered.length;

  return (
    <div className="exam-taking">
      <div className="exam-bar">
        <Countdown
          deadlineAt={delivery.deadlineAt}
          durationMinutes={delivery.durationMinutes}
          clock={props.clock}
          onTimeUp={props.onTimeUp}
        />
        <SaveStatus status={props.status} error={props.saveError} />
        <button
          type="button"
          className="button primary"
          disabled={props.timeUp}
          onClick={() => {
            setFinishPending(false);
            setFinishing(true);
          }}
        >
          {t('finish.button')}
        </button>
      </div>
      {props.timeUp && (
        <p className="alert alert-warn" role="alert">
          {t('timer.closing')}
        </p>
      )}
      <div className="exam-body">
        <section className="exam-question card" aria-labelledby="question-heading">
          <h2 id="question-heading" ref={heading} tabIndex={-1}>
            {t('question.heading', { n: index + 1, total: items.length })}{' '}
            <span className="question-points">({t('question.points', { count: item.points })})</span>
          </h2>
          <fieldset className="choices" disabled={props.timeUp}>
            <legend className="stem">{localized(item.stem, lang)}</legend>
            {item.image && (
              <img
                className="question-image"
                src={`data:${item.image.mime};base64,${item.image.data}`}
                alt={item.image.alt ? localized(item.image.alt, lang) : ''}
              />
            )}
            <p className="hint">{single ? t('question.chooseOne') : t('question.chooseMany')}</p>
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
            <button
              type="button"
              className="button"
              disabled={index === items.length - 1}
              onClick={() => go(index + 1)}
            >
              {t('question.next')} →
            </button>
          </div>
        </section>
        <nav className="exam-panel card" aria-label={t('panel.title')}>
          <h2>{t('panel.title')}</h2>
          <p className="hint">{t('panel.summary', { answered: answeredCount, total: items.length })}</p>
          <ol className="panel-grid">
            {items.map((it, i) => {
              const a = answers[it.id];
              const states = [
                isAnswered(a) ? t('panel.answered') : t('panel.unanswered'),
                ...(a?.flagged ? [t('panel.flagged')] : []),
              ];
              return (
                <li key={it.id}>
                  <button
                    type="button"
                    className={`panel-cell ${isAnswered(a) ? 'is-answered' : ''} ${a?.flagged ? 'is-flagged' : ''}`}
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
      </div>
      <Dialog open={finishing} title={t('finish.title')} onClose={() => setFinishing(false)}>
        {unanswered.length === 0 ? (
          <p>{t('finish.allAnswered')}</p>
        ) : (
          <p className="alert alert-warn" data-testid="unanswered">
            {t('finish.unanswered', { count: unanswered.length, list: unanswered.join(', ') })}
          </p>
        )}
        {flagged.length > 0 && <p>{t('finish.flagged', { list: flagged.join(', ') })}</p>}
        <p>{t('finish.warning')}</p>
        {finishPending && (
          <p className="alert alert-error" role="alert">
            {t('finish.pending')}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setFinishing(false)}>
            {t('finish.cancel')}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={finishBusy}
            onClick={() => {
              setFinishBusy(true);
              void props
                .onSubmit()
                .then((r) => {
                  if (r === 'pending') setFinishPending(true);
                  else setFinishing(false);
                })
                .finally(() => setFinishBusy(false));
            }}
          >
            {finishBusy ? t('finish.submitting') : t('finish.confirm')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
