import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';
import { formatNumber } from '../../format';
import type { AttemptResult } from '../../../shared/attempt';
import type { LiveRowRemoved, TerminationFigures, TerminationReply } from '../../../shared/live';
import type { LearnerFileReply } from '../../../shared/api/desk';
import { RunningExam } from './RunningExam';
import { TerminationFiguresView } from './TerminationFigures';
import { useLiveExams, useServerNow } from './useLiveExams';

type Running = LearnerFileReply['attempts'][number];

/**
 * « Terminer l'examen » for the learner's exam in progress. The confirmation states what ending it now
 * means, with the figures as they stand (refreshed if the learner saves another answer meanwhile), and
 * needs the operator to confirm. The file follows the exam live: an exam that starts or ends elsewhere
 * (the learner's « Terminer », the deadline) reloads it.
 */
export function TerminatePanel({ file, onChange }: { file: LearnerFileReply; onChange: () => void }) {
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
  const { run, busy, error, fail, setError } = useAction();
  const [done, setDone] = useState<AttemptResult | null>(null);
  const liveSeq = ending ? rows?.get(ending.id)?.lastSeq : undefined;

  const loadFigures = useCallback(
    async (attemptId: string) => {
      try {
        setFigures(await get<TerminationFigures>(`/api/desk/attempts/${attemptId}/figures`));
      } catch (err) {
        fail(err);
        setEnding(null);
      }
    },
    [fail],
  );
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
    await run(async () => {
      const reply = await post<TerminationReply>(`/api/desk/attempts/${ending.id}/terminate`);
      setDone(reply.result);
    });
    setEnding(null);
    onChange();
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
      {running.map((a) => (
        <RunningExam
          key={a.id}
          attempt={a}
          live={rows?.get(a.id)}
          now={now}
          timeZone={tz}
          onEnd={() => open(a)}
          onChange={onChange}
          otherWorkstations={file.workstations.filter(
            (w) => w.name !== (rows?.get(a.id)?.workstation ?? a.workstation),
          )}
        />
      ))}
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
        {figures ? <TerminationFiguresView figures={figures} updated={updated} /> : <p aria-busy="true">…</p>}
      </ConfirmDialog>
    </section>
  );
}
