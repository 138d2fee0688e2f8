import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttemptDelivery } from '../../../shared/attempt';
import type { DeliveredItem } from '../../../shared/exam';
import type { QueueStatus } from './answerQueue';
import { Countdown } from './Countdown';
import { FinishDialog } from './FinishDialog';
import { savedPosition, savePosition } from './position';
import { QuestionCard } from './QuestionCard';
import { QuestionPanel } from './QuestionPanel';
import { SaveStatus } from './SaveStatus';
import type { ServerClock } from './serverClock';
import { isAnswered } from './answered';
import type { LocalAnswer } from './useAttempt';

interface Props {
  delivery: AttemptDelivery & { items: DeliveredItem[]; deadlineAt: string };
  answers: Record<string, LocalAnswer>;
  /** null: nothing is saved (« Essayer l'examen »), so no save status is shown. */
  status: QueueStatus | null;
  saveError: string | null;
  clock: ServerClock;
  timeUp: boolean;
  onTimeUp: () => void;
  onChange: (itemId: string, choiceIds: string[], flagged: boolean) => void;
  onSubmit: () => Promise<'done' | 'pending'>;
}

/** One question per screen, the panel to jump to any question, the countdown, the save status, « Terminer ». */
export function TakingView(props: Props) {
  const { delivery, answers, onChange } = props;
  const { t } = useTranslation('exam');
  const items = delivery.items;
  // A reload comes back to the question the learner was on (position.ts); else the first unanswered one.
  const [index, setIndex] = useState(() => {
    const kept = savedPosition(delivery.id, items.length);
    if (kept !== null) return kept;
    const firstOpen = items.findIndex((i) => !isAnswered(answers[i.id], i));
    return firstOpen === -1 ? 0 : firstOpen;
  });
  const [finishing, setFinishing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const item = items[index]!;

  const go = useCallback(
    (i: number) => {
      moved.current = true;
      savePosition(delivery.id, i);
      setIndex(i);
    },
    [delivery.id],
  );
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [index]);

  const unanswered = items.map((it, i) => (isAnswered(answers[it.id], it) ? 0 : i + 1)).filter(Boolean);
  const flagged = items.map((it, i) => (answers[it.id]?.flagged ? i + 1 : 0)).filter(Boolean);

  return (
    <div>
      <div className="exam-bar">
        <Countdown
          deadlineAt={delivery.deadlineAt}
          durationMinutes={delivery.durationMinutes}
          clock={props.clock}
          onTimeUp={props.onTimeUp}
        />
        {props.status && <SaveStatus status={props.status} error={props.saveError} />}
        <button type="button" className="button primary" disabled={props.timeUp} onClick={() => setFinishing(true)}>
          {t('finish.button')}
        </button>
      </div>
      {props.timeUp && (
        <p className="alert alert-warn" role="alert">
          {t('timer.closing')}
        </p>
      )}
      <div className="exam-body">
        <QuestionCard
          ref={heading}
          item={item}
          index={index}
          total={items.length}
          answer={answers[item.id] ?? { choiceIds: [], flagged: false }}
          disabled={props.timeUp}
          onChange={onChange}
          go={go}
        />
        <QuestionPanel items={items} answers={answers} index={index} go={go} />
      </div>
      <FinishDialog
        open={finishing}
        onClose={() => setFinishing(false)}
        unanswered={unanswered}
        flagged={flagged}
        onSubmit={props.onSubmit}
      />
    </div>
  );
}
