import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRemaining, type ServerClock } from './serverClock';

const FIVE_MINUTES = 5 * 60_000;
const ONE_MINUTE = 60_000;

/**
 * Time left until the server's deadline, on the server's clock (never the workstation's). Announced to
 * screen readers when it crosses 5 minutes and 1 minute; shown as a warning in the last 5 minutes (the last
 * minute of an exam of 10 minutes or less).
 */
export function Countdown({
  deadlineAt,
  durationMinutes,
  clock,
  onTimeUp,
}: {
  deadlineAt: string;
  durationMinutes: number;
  clock: ServerClock;
  onTimeUp: () => void;
}) {
  const { t } = useTranslation('exam');
  const deadline = Date.parse(deadlineAt);
  const remainingNow = () => deadline - clock.now();
  const [remaining, setRemaining] = useState(remainingNow);
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef(remaining);
  const upCalled = useRef(false);

  useEffect(() => {
    const tick = () => {
      const left = deadline - clock.now();
      const before = previous.current;
      if (before > FIVE_MINUTES && left <= FIVE_MINUTES && left > ONE_MINUTE) setAnnouncement(t('timer.fiveMinutes'));
      if (before > ONE_MINUTE && left <= ONE_MINUTE && left > 0) setAnnouncement(t('timer.oneMinute'));
      previous.current = left;
      setRemaining(left);
      if (left <= 0 && !upCalled.current) {
        upCalled.current = true;
        onTimeUp();
      }
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [deadline, clock, onTimeUp, t]);

  // A short exam starts under 5 minutes: its warning waits for the last minute.
  const warnFrom = durationMinutes > 10 ? FIVE_MINUTES : ONE_MINUTE;
  const level = remaining <= ONE_MINUTE ? 'critical' : remaining <= warnFrom ? 'warning' : 'normal';
  return (
    <div className={`countdown countdown-level-${level}`}>
      <span className="countdown-label">{t('timer.label')}</span>
      <span className="countdown-value" role="timer" aria-live="off" data-testid="countdown">
        {Number.isNaN(remaining) ? '--:--' : formatRemaining(remaining)}
      </span>
      {level !== 'normal' && remaining > 0 && (
        <span className="countdown-note">{remaining <= ONE_MINUTE ? t('timer.lastMinute') : t('timer.warning')}</span>
      )}
      {remaining <= 0 && <span className="countdown-note">{t('timer.over')}</span>}
      <p className="visually-hidden" aria-live="assertive" role="status">
        {announcement}
      </p>
    </div>
  );
}
