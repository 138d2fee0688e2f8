import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/localized';
import type { LiveRow } from '../../../shared/live';
import { formatClock, formatTime } from '../../format';
import type { LearnerFileReply } from '../../../shared/api/desk';
import { AttemptClockActions } from './ClockActions';
import { timeLeft } from './LiveExams';

/** One exam in progress on the learner's file: where and since when, the live progress, « Terminer l'examen ». */
export function RunningExam({
  attempt,
  live,
  now,
  timeZone,
  onEnd,
  otherWorkstations,
  onChange,
}: {
  attempt: LearnerFileReply['attempts'][number];
  /** Where « Déplacer vers un autre poste » may send it. */
  otherWorkstations: LearnerFileReply['workstations'];
  /** Something changed (paused, resumed, time added, moved): the file reads itself again. */
  onChange: () => void;
  /** The live list's row for it, once the stream has it. */
  live: LiveRow | undefined;
  now: number;
  timeZone: string;
  onEnd: () => void;
}) {
  const { t, i18n } = useTranslation('monitoring');
  // The live row follows pauses and added time as they happen; the file was read before.
  const left = timeLeft(live ?? attempt, now);
  return (
    <div className="running-exam">
      <div>
        <p>
          <span className="badge badge-danger live-badge">
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
              <circle cx="6" cy="6" r="5" fill="currentColor" />
            </svg>{' '}
            {t('live.inProgress')}
          </span>{' '}
          {live?.pausedAt && <span className="badge badge-warn">{t('clock.paused')}</span>}{' '}
          {t('terminate.facts', {
            exam: localized(attempt.examTitle, i18n.language),
            workstation: attempt.workstation,
            startedAt: formatTime(attempt.startedAt, i18n.language, timeZone),
          })}
        </p>
        {live && live.questionCount !== null && (
          <p className="hint">
            {t('terminate.progress', {
              answered: live.answered,
              total: live.questionCount,
              timeLeft: left === null ? '—' : left > 0 ? formatClock(left) : t('live.timeUp'),
            })}
          </p>
        )}
      </div>
      <div className="running-exam-actions">
        <AttemptClockActions
          attemptId={attempt.id}
          paused={!!live?.pausedAt}
          onChange={onChange}
          otherWorkstations={otherWorkstations}
        />
        <button type="button" className="button danger" onClick={onEnd}>
          {t('terminate.button')}
        </button>
      </div>
    </div>
  );
}
