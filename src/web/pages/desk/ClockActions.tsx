import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, FormError } from '../../components/Field';
import { useAction } from '../../hooks/useAction';

type Action = 'pause' | 'time' | 'roomPause' | 'move';

/** The reason (and for « Ajouter du temps » the minutes) asked before the clock changes; kept in the audit log. */
function ClockDialog({
  action,
  onDone,
  onClose,
  url,
  workstations = [],
}: {
  action: Action | null;
  url: string;
  onDone: () => void;
  onClose: () => void;
  /** « Déplacer vers un autre poste »: the other workstations of the service point. */
  workstations?: { id: string; name: string }[];
}) {
  const { t } = useTranslation('monitoring');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('10');
  const [workstationId, setWorkstationId] = useState('');
  const { run, busy, error, setError } = useAction();
  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };
  const confirm = () =>
    run(async () => {
      await post(
        url,
        action === 'time'
          ? { minutes: Number(minutes), reason }
          : action === 'move'
            ? { workstationId: workstationId || workstations[0]?.id, reason }
            : { reason },
      );
      close();
      onDone();
    });
  const key = action ?? 'pause';
  const minutesOk = /^\d+$/.test(minutes) && Number(minutes) >= 1 && Number(minutes) <= 120;
  return (
    <ConfirmDialog
      open={!!action}
      title={t(`clock.${key}.title`)}
      confirmLabel={t(`clock.${key}.confirm`)}
      cancelLabel={t('clock.cancel')}
      busy={busy || reason.trim().length < 3 || (action === 'time' && !minutesOk)}
      onConfirm={() => void confirm()}
      onCancel={close}
    >
      <p>{t(`clock.${key}.text`)}</p>
      <FormError error={error} />
      {action === 'move' && (
        <div className="field">
          <label htmlFor="move-ws">{t('clock.move.workstation')}</label>
          <select
            id="move-ws"
            value={workstationId || workstations[0]?.id}
            onChange={(e) => setWorkstationId(e.target.value)}
          >
            {workstations.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {action === 'time' && (
        <Field
          label={t('clock.minutes')}
          hint={t('clock.minutesHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          required
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
      )}
      <Field
        label={t('clock.reason')}
        hint={t('clock.reasonHint')}
        required
        minLength={3}
        maxLength={300}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </ConfirmDialog>
  );
}

/** « Mettre en pause » / « Reprendre » and « Ajouter du temps » for one exam in progress (the learner's file). */
export function AttemptClockActions({
  attemptId,
  paused,
  onChange,
  otherWorkstations,
}: {
  attemptId: string;
  paused: boolean;
  onChange: () => void;
  otherWorkstations: { id: string; name: string }[];
}) {
  const { t } = useTranslation('monitoring');
  const [action, setAction] = useState<Action | null>(null);
  const { run, error } = useAction();
  const base = `/api/desk/attempts/${encodeURIComponent(attemptId)}`;
  const resume = () =>
    run(async () => {
      await post(`${base}/resume`);
      onChange();
    });
  return (
    <div className="clock-actions">
      <FormError error={error} />
      {paused ? (
        <button type="button" className="button primary" onClick={() => void resume()}>
          {t('clock.resume')}
        </button>
      ) : (
        <button type="button" className="button" onClick={() => setAction('pause')}>
          {t('clock.pause.button')}
        </button>
      )}
      <button type="button" className="button" onClick={() => setAction('time')}>
        {t('clock.time.button')}
      </button>
      {otherWorkstations.length > 0 && (
        <button type="button" className="button" onClick={() => setAction('move')}>
          {t('clock.move.button')}
        </button>
      )}
      <ClockDialog
        action={action}
        url={`${base}/${action === 'time' ? 'time' : action === 'move' ? 'move' : 'pause'}`}
        workstations={otherWorkstations}
        onDone={onChange}
        onClose={() => setAction(null)}
      />
    </div>
  );
}

/** The whole room (a fire alarm): every exam in progress at this service point paused, or resumed. */
export function RoomClockActions({ running, paused }: { running: number; paused: number }) {
  const { t } = useTranslation('monitoring');
  const [action, setAction] = useState<Action | null>(null);
  const { run, error } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const resume = () =>
    run(async () => {
      const r = await post<{ changed: number }>('/api/desk/room/resume');
      setDone(t('clock.roomResumed', { count: r.changed }));
    });
  if (running === 0 && !error) return null;
  return (
    <div className="clock-actions clock-room">
      <FormError error={error} />
      {done && (
        <span className="hint" role="status">
          {done}
        </span>
      )}
      {running > paused && (
        <button type="button" className="button danger" onClick={() => (setDone(null), setAction('roomPause'))}>
          {t('clock.roomPause.button')}
        </button>
      )}
      {paused > 0 && (
        <button type="button" className="button primary" onClick={() => void resume()}>
          {t('clock.roomResume')}
        </button>
      )}
      <ClockDialog
        action={action}
        url="/api/desk/room/pause"
        onDone={() => setDone(t('clock.roomPaused'))}
        onClose={() => setAction(null)}
      />
    </div>
  );
}
