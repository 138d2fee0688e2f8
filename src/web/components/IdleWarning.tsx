import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { post } from '../api/client';
import { formatClock } from '../format';
import { useSession } from '../session';
import type { KeepAliveReply } from '../../shared/live';

/** The warning shows this long before the session would end. */
const WARN_MS = 2 * 60_000;
/** Activity is reported at most this often (the server counts a request as activity anyway). */
const REPORT_EVERY_MS = 60_000;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;

/**
 * An operator's session ends after some minutes without activity (the server decides: OPERATOR_IDLE_MINUTES).
 * Activity on the page (keys, pointer) is reported to the server now and then; two minutes before the end a
 * dialog says so and offers « Rester connecté ». Tabs share what they know, so one busy tab keeps the others
 * from warning. A live list open on screen is not activity: an operator away from the desk is signed out.
 */
export function IdleWarning() {
  const { t } = useTranslation('monitoring');
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [endsAt, setEndsAt] = useState<number | null>(null);
  const [idleMinutes, setIdleMinutes] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const lastReport = useRef(0);
  const channel = useRef<BroadcastChannel | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  const warning = endsAt !== null && endsAt - now <= WARN_MS;
  const warningRef = useRef(warning);
  warningRef.current = warning;

  const keepAlive = useCallback(async () => {
    lastReport.current = Date.now();
    try {
      const r = await post<KeepAliveReply>('/api/desk/keep-alive');
      // In this browser's clock: the time left as the server counts it.
      const local = Date.now() + (Date.parse(r.endsAt) - Date.parse(r.serverNow));
      setEndsAt(local);
      setIdleMinutes(r.idleMinutes);
      setNow(Date.now());
      channel.current?.postMessage(local);
    } catch {
      /* an ended session sends the page to the sign-in (api client) */
    }
  }, []);

  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const c = new BroadcastChannel('vigie-idle');
    c.onmessage = (e: MessageEvent<number>) => setEndsAt((prev) => Math.max(prev ?? 0, e.data));
    channel.current = c;
    return () => {
      channel.current = null;
      c.close();
    };
  }, []);

  useEffect(() => {
    void keepAlive();
    const onActivity = () => {
      if (!warningRef.current && Date.now() - lastReport.current > REPORT_EVERY_MS) void keepAlive();
    };
    for (const e of ACTIVITY) window.addEventListener(e, onActivity, { passive: true });
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, onActivity);
      clearInterval(timer);
    };
  }, [keepAlive]);

  const signOut = useCallback(async () => {
    await post('/api/auth/sign-out').catch(() => undefined);
    await refresh();
    await navigate('/connexion');
  }, [refresh, navigate]);

  const expired = endsAt !== null && now >= endsAt;
  useEffect(() => {
    if (expired) void signOut();
  }, [expired, signOut]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (warning && !expired && !d.open) {
      d.showModal();
      stay.current?.focus();
    }
    if ((!warning || expired) && d.open) d.close();
  }, [warning, expired]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
      onCancel={(e) => {
        // Escape means "I am here".
        e.preventDefault();
        void keepAlive();
      }}
    >
      <h2 id="idle-title">{t('idle.title')}</h2>
      <p id="idle-text" role="timer" aria-live="off">
        {t('idle.text', { time: formatClock(Math.max(0, ((endsAt ?? now) - now) / 1000)) })}
      </p>
      {idleMinutes !== null && <p className="hint">{t('idle.why', { minutes: idleMinutes })}</p>}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => void signOut()}>
          {t('idle.signOut')}
        </button>
        <button ref={stay} type="button" className="button primary" onClick={() => void keepAlive()}>
          {t('idle.stay')}
        </button>
      </div>
    </dialog>
  );
}
