import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, post } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/Field';
import { formatClock, formatNumber, formatTime } from '../../format';
import type { AttemptResult } from '../../../shared/attempt';
import type { LiveRowRemoved, TerminationFigures } from '../../../shared/live';
import type { LearnerFile } from './learnerFile';
import { AttemptClockActions } from './ClockActions';
import { timeLeft } from './LiveExams';
import { useLiveExams, useServerNow } from './useLiveExams';

type Running = LearnerFile['attempts'][number];

/**
 * « Terminer l'examen » for the learner's exam in progress. The confirmation states what ending it now
 * means, with the figures as they stand (refreshed if the learner saves another answer meanwhile), and
 * needs the operator to confirm. The file follows the exam live: an exam that starts or ends elsewhere
 * (the learner's « Terminer », the deadline) reloads it.
 */
export function TerminatePanel({ file, onChange }: { file: LearnerFile; onChange: () => void }) {
  const { t, i18n } = useTranslation('monitoring');
  const lang = i18n.language;
  const tz = file.servicePoint.timeZone;
  const running = file.attempts.filter((a) => a.state === 'in_progress');
  const authorized = new Set(file.attempts.filter((a) => a.state === 'authorized').map((a) => a.id));
  const mine = useRef(new Set(file.attempts.map((a) => a.id)));
  mine.current = new Set(file.attempts.map((a) => a.id));
  const changed = useRef(onChange);
  changed.current = onChange;
  const onRemoved = useCallback((r: LiveRowRemoved) => {
    if (mine.current.has(r.attemptId)) changed.current();
  }, []);
  const { rows, serverOffset } = useLiveExams(file.servicePoint.id, onRemoved);
  const now = useServerNow(serverOffset);
  // Started since the file was read: read it again.
  const startedSince = [...(rows?.values() ?? [])].some(
    (r) => r.state === 'in_progress' && authorized.has(r.attemptId),
  );
  useEffect(() => {
    if (startedSince) changed.current();
  }, [startedSince]);

  const [ending, setEnding] = useState<Running | null>(null);
  const [figures, setFigures] = useState<TerminationFigures | null>(null);
  const [updated, setUpdated] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<AttemptResult | null>(null);
  const liveSeq = ending ? rows?.get(ending.id)?.lastSeq : undefined;

  const loadFigures = useCallback(async (attemptId: string) => {
    try {
      setFigures(await get<TerminationFigures>(`/api/desk/attempts/${attemptId}/figures`));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setEnding(null);
    }
  }, []);
  // An answer saved while the confirmation is open: the figures it shows are read again.
  const shownSeq = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!ending || liveSeq === undefined) return;
    if (shownSeq.current !== undefined && liveSeq !== shownSeq.current) {
      void loadFigures(ending.id);
      setUpdated(true);
    }
    shownSeq.current = liveSeq;
  }, [ending, liveSeq, loadFigures]);

  const open = (a: Running) => {
    setError(null);
    setDone(null);
    setFigures(null);
    setUpdated(false);
    shownSeq.current = undefined;
    setEnding(a);
    void loadFigures(a.id);
  };
  const confirm = async () => {
    if (!ending) return;
    setBusy(true);
    try {
      const reply = await post<{ result: AttemptResult }>(`/api/desk/attempts/${ending.id}/terminate`);
      setDone(reply.result);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
      setEnding(null);
      onChange();
    }
  };

  if (running.length === 0 && !done && !error) return null;
  const pct = (n: number) => formatNumber(n, lang);
  const outcome = (o: 'passed' | 'failed') => t(`terminate.outcome.${o}`);
  return (
    <section className="card terminate-panel" aria-labelledby="terminate-title">
      <h2 id="terminate-title">{running.length > 0 ? t('terminate.title') : t('terminate.endedTitle')}</h2>
      <FormError error={error} />
      {done && (
        <p
          className={`alert ${done.outcome === 'passed' ? 'alert-ok' : 'alert-warn'}`}
          role="status"
          data-testid="terminated"
        >
          {t('terminate.done', {
            points: pct(done.scorePoints),
            max: pct(done.maxPoints),
            percentage: pct(done.percentage),
            outcome: outcome(done.outcome),
          })}
        </p>
      )}
      {running.map((a) => {
        const live = rows?.get(a.id);
        // The live row follows pauses and added time as they happen; the file was read before.
        const left = timeLeft(live ?? a, now);
        return (
          <div key={a.id} className="running-exam">
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
                  exam: a.examTitle,
                  workstation: a.workstation,
                  startedAt: formatTime(a.startedAt, lang, tz),
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
                attemptId={a.id}
                paused={!!live?.pausedAt}
                onChange={onChange}
                otherWorkstations={file.workstations.filter((w) => w.name !== (live?.workstation ?? a.workstation))}
              />
              <button type="button" className="button danger" onClick={() => open(a)}>
                {t('terminate.button')}
              </button>
            </div>
          </div>
        );
      })}
      <ConfirmDialog
        open={!!ending}
        title={t('terminate.confirmTitle', { name: [file.learner.firstName, file.learner.lastName].join(' ') })}
        confirmLabel={t('terminate.confirm')}
        cancelLabel={t('terminate.cancel')}
        danger
        busy={busy || !figures}
        onConfirm={() => void confirm()}
        onCancel={() => setEnding(null)}
      >
        {figures ? (
          <div className="termination-figures" data-testid="termination-figures">
            <p>{lang === 'en' && figures.examTitleEn ? figures.examTitleEn : figures.examTitle}</p>
            <ul>
              <li>{t('terminate.answered', { answered: figures.answered, total: figures.questionCount })}</li>
              <li>{t('terminate.points', { points: pct(figures.points), max: pct(figures.maxPoints) })}</li>
              <li>{t('terminate.passingMark', { mark: figures.passingMark })}</li>
            </ul>
            <p className="alert alert-error termination-warning" data-testid="termination-warning">
              <strong>
                {t('terminate.warning', {
                  points: pct(figures.points),
                  max: pct(figures.maxPoints),
                  percentage: pct(figures.percentage),
                  outcome: outcome(figures.outcome),
                })}
              </strong>
            </p>
            <p>{t('terminate.consequence')}</p>
            {updated && (
              <p className="hint" role="status">
                {t('terminate.updated')}
              </p>
            )}
          </div>
        ) : (
          <p aria-busy="true">…</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
