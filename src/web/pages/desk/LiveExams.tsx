import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { OFFLINE_AFTER_SECONDS, type LiveRow } from '../../../shared/live';
import { LiveRowCare } from './LiveRowCare';
import { formatClock, formatTime } from '../../format';
import { useLiveExams, useServerNow } from './useLiveExams';
import { localized } from '../../i18n/localized';
import { RoomClockActions } from './ClockActions';

/** « il y a 12 s », « il y a 3 min ». */
export function ago(t: TFunction, fromIso: string, now: number): string {
  const s = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  return s < 60 ? t('live.secondsAgo', { n: s }) : t('live.minutesAgo', { n: Math.floor(s / 60) });
}

/** Seconds left on the server's clock; a paused exam's stand at its pause's start. */
export function timeLeft(row: Pick<LiveRow, 'deadlineAt'> & { pausedAt?: string | null }, now: number): number | null {
  return row.deadlineAt ? (Date.parse(row.deadlineAt) - (row.pausedAt ? Date.parse(row.pausedAt) : now)) / 1000 : null;
}

function Connection({ row, now }: { row: LiveRow; now: number }) {
  const { t } = useTranslation('monitoring');
  if (row.state !== 'in_progress' || !row.lastSeenAt) return <>—</>;
  const silent = Math.max(0, Math.floor((now - Date.parse(row.lastSeenAt)) / 1000));
  if (silent < OFFLINE_AFTER_SECONDS)
    return (
      <span className="badge badge-ok">
        <span aria-hidden="true">● </span>
        {t('live.online')}
      </span>
    );
  return (
    <span className="badge badge-warn">
      <span aria-hidden="true">⚠ </span>
      {silent < 60 ? t('live.offlineSeconds', { n: silent }) : t('live.offlineMinutes', { n: Math.floor(silent / 60) })}
    </span>
  );
}

const order = (a: LiveRow, b: LiveRow) =>
  a.state !== b.state
    ? a.state === 'in_progress'
      ? -1
      : 1
    : (a.startedAt ?? a.authorizedAt).localeCompare(b.startedAt ?? b.authorizedAt);

/**
 * The exams in progress (and authorized, not started) at this service point, at the top of
 * « Liste des apprenants », updated as they happen. A row opens the learner's file; a row leaves when its
 * exam ends. `onStatesChange` is told when an exam appears, starts or ends (the list below then reads
 * the learners again: a learner whose training process is over leaves it).
 */
export function LiveExams({
  servicePointId,
  timeZone,
  onStatesChange,
}: {
  servicePointId: string;
  timeZone: string;
  onStatesChange?: () => void;
}) {
  const { t, i18n } = useTranslation('monitoring');
  const navigate = useNavigate();
  const { rows, status, serverOffset } = useLiveExams(servicePointId);
  const states = useRef<Map<string, string> | null>(null);
  const notify = useRef(onStatesChange);
  notify.current = onStatesChange;
  useEffect(() => {
    if (!rows) return;
    const next = new Map([...rows].map(([id, r]) => [id, r.state]));
    const prev = states.current;
    states.current = next;
    if (prev && (prev.size !== next.size || [...next].some(([id, s]) => prev.get(id) !== s))) notify.current?.();
  }, [rows]);
  const now = useServerNow(serverOffset);
  const list = rows ? [...rows.values()].sort(order) : null;
  const fileOf = (r: LiveRow) => `/point-de-service/apprenants/${r.learnerId}`;
  return (
    <section aria-labelledby="live-title" className="live-exams" aria-busy={!list}>
      <div className="live-head">
        <h2 id="live-title">{t('live.title')}</h2>
        <span className={`live-status live-status-${status}`} role="status">
          <span aria-hidden="true">{status === 'live' ? '● ' : '○ '}</span>
          {status === 'live' ? t('live.connected') : t('live.reconnecting')}
        </span>
        {list && (
          <RoomClockActions
            running={list.filter((r) => r.state === 'in_progress').length}
            paused={list.filter((r) => r.pausedAt).length}
          />
        )}
      </div>
      {list && list.length === 0 && <p className="hint">{t('live.none')}</p>}
      {list && list.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table className="live-table">
            <thead>
              <tr>
                <th>{t('live.columns.status')}</th>
                <th>{t('live.columns.learner')}</th>
                <th>{t('live.columns.exam')}</th>
                <th>{t('live.columns.workstation')}</th>
                <th>{t('live.columns.startedAt')}</th>
                <th>{t('live.columns.timeLeft')}</th>
                <th>{t('live.columns.answered')}</th>
                <th>{t('live.columns.lastAnswer')}</th>
                <th>{t('live.columns.connection')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => {
                const running = r.state === 'in_progress';
                const left = timeLeft(r, now);
                return (
                  <tr
                    key={r.attemptId}
                    data-attempt={r.attemptId}
                    className={`clickable ${running ? 'row-live' : 'row-authorized'}`}
                    onClick={() => void navigate(fileOf(r))}
                  >
                    <td>
                      {running && r.pausedAt ? (
                        <span className="badge badge-warn live-paused">
                          <span aria-hidden="true">❚❚ </span>
                          {t('clock.paused')}
                        </span>
                      ) : running ? (
                        <span className="badge badge-danger live-badge">
                          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                            <circle cx="6" cy="6" r="5" fill="currentColor" />
                          </svg>{' '}
                          {t('live.inProgress')}
                        </span>
                      ) : (
                        <span className="badge badge-warn">
                          <span aria-hidden="true">◷ </span>
                          {t('live.authorized')}
                        </span>
                      )}
                    </td>
                    <td>
                      <Link to={fileOf(r)} onClick={(e) => e.stopPropagation()}>
                        {r.learnerName}
                      </Link>
                      <LiveRowCare row={r} />
                    </td>
                    <td>{localized(r.examTitle, i18n.language)}</td>
                    <td>{r.workstation}</td>
                    <td>{running ? formatTime(r.startedAt, i18n.language, timeZone) : '—'}</td>
                    <td className="mono" data-testid="time-left">
                      {left === null ? '—' : left > 0 ? formatClock(left) : t('live.timeUp')}
                    </td>
                    <td data-testid="answered">
                      {running && r.questionCount !== null ? (
                        <span aria-label={t('live.answeredLabel', { answered: r.answered, total: r.questionCount })}>
                          {t('live.answered', { answered: r.answered, total: r.questionCount })}
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-testid="last-answer">
                      {running ? (r.lastAnswerAt ? ago(t, r.lastAnswerAt, now) : t('live.noAnswer')) : '—'}
                    </td>
                    <td data-testid="connection">
                      <Connection row={r} now={now} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
