import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRemaining, ServerClock } from './serverClock';

/** The server's clock stopped at the pause's start: the countdown stands still while the exam is paused. */
export class PausedClock extends ServerClock {
  constructor(private readonly at: number) {
    super();
  }
  override get known(): boolean {
    return true;
  }
  override now(): number {
    return this.at;
  }
}

/**
 * « Examen en pause »: the operator paused the exam (or the whole room). A modal dialog over the questions —
 * the page behind it is inert, so no answer can be changed — with the time left, frozen. It closes by itself
 * when the operator resumes (the learner cannot dismiss it: Escape does nothing).
 */
export function PauseOverlay({
  deadlineAt,
  pausedAt,
  movedTo,
}: {
  deadlineAt: string;
  /** Null once a moved exam resumed on its new workstation: the time left is that screen's to show. */
  pausedAt: string | null;
  /** « Déplacer vers un autre poste »: the workstation the exam continues on (this one no longer takes it). */
  movedTo?: string | null;
}) {
  const { t } = useTranslation('exam');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="exam-pause"
      aria-labelledby="exam-pause-title"
      aria-describedby="exam-pause-text"
      onCancel={(e) => e.preventDefault()}
    >
      <h2 id="exam-pause-title">{movedTo ? t('paused.movedTitle') : t('paused.title')}</h2>
      <p id="exam-pause-text">{movedTo ? t('paused.movedText', { workstation: movedTo }) : t('paused.text')}</p>
      {pausedAt && (
        <p className="exam-pause-left">
          {t('paused.left', { time: formatRemaining(Date.parse(deadlineAt) - Date.parse(pausedAt)) })}
        </p>
      )}
    </dialog>
  );
}
