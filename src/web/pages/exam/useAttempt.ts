import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { errorMessage } from '../../api/errorMessage';
import type { AttemptDelivery, HeartbeatReply, SubmitReply } from '../../../shared/attempt';
import { forgetPosition } from './position';
import { AnswerQueue, type PendingAnswer, type QueueStatus, type SendResult } from './answerQueue';
import { ServerClock } from './serverClock';
import { startUntilAnswered } from './startRetry';
import { useAttemptEvents } from './useAttemptEvents';
import type { AttemptSignal } from '../../../shared/live';

export interface LocalAnswer {
  choiceIds: string[];
  flagged: boolean;
}

const HEARTBEAT_MS = 15_000;
const CLOSING_POLL_MS = 2_000;

/** Every call to the server goes through here, so each response also tells the page the server's time. */
async function timed<T extends { serverNow?: string }>(clock: ServerClock, call: () => Promise<T>): Promise<T> {
  const sentAt = performance.now();
  const result = await call();
  if (result.serverNow) clock.observe(result.serverNow, sentAt, performance.now());
  return result;
}

/** What the answer queue does after a failed send. */
export function classify(err: unknown): SendResult {
  if (!(err instanceof ApiError)) return { kind: 'retry' };
  if (err.code === 'network' || err.status >= 500 || err.status === 429) return { kind: 'retry' };
  if (err.status === 401) return { kind: 'signedOut' };
  if (err.code === 'stale_sequence') return { kind: 'drop' };
  // « Examen en pause »: the answer waits, and is sent once the operator resumes.
  if (err.code === 'attempt_paused') return { kind: 'retry' };
  if (err.code === 'sequence_conflict') {
    const d = (err.details ?? {}) as { savedSeq?: number; lastSeq?: number };
    return { kind: 'renumber', above: Math.max(d.savedSeq ?? 0, d.lastSeq ?? 0) };
  }
  if (['attempt_ended', 'deadline_passed', 'attempt_not_open', 'not_found'].includes(err.code))
    return { kind: 'closed' };
  // This browser may no longer send (workstation): keep the answers, they are sent once it can.
  if (err.status === 403) return { kind: 'signedOut' };
  return { kind: 'drop', message: err.message };
}

/** The page's attempt with the server's deadline, pause and workstation (unchanged when they are the same). */
function clockFrom(
  d: AttemptDelivery | null,
  s: { deadlineAt: string | null; pausedAt: string | null; workstation?: AttemptDelivery['workstation'] },
) {
  const workstation = s.workstation ?? d?.workstation;
  if (!d || (d.deadlineAt === s.deadlineAt && d.pausedAt === s.pausedAt && d.workstation.name === workstation?.name))
    return d;
  return { ...d, deadlineAt: s.deadlineAt ?? d.deadlineAt, pausedAt: s.pausedAt, workstation: workstation! };
}

function overlay(delivery: AttemptDelivery, pending: readonly PendingAnswer[]): Record<string, LocalAnswer> {
  const out: Record<string, LocalAnswer> = {};
  for (const [id, a] of Object.entries(delivery.answers ?? {}))
    out[id] = { choiceIds: a.choiceIds, flagged: a.flagged };
  for (const p of pending) out[p.itemId] = { choiceIds: p.choiceIds, flagged: p.flagged };
  return out;
}

/**
 * The state of one attempt on the exam page: what the server said last, the learner's answers (saved and
 * waiting), the save status, the server's clock, and the actions « Commencer » and « Terminer ».
 */
export function useAttempt(attemptId: string) {
  const clock = useRef(new ServerClock()).current;
  const [delivery, setDelivery] = useState<AttemptDelivery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, LocalAnswer>>({});
  const [status, setStatus] = useState<QueueStatus>('saved');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [pendingCount, setPendingCount] = useState(0);
  const queueRef = useRef<AnswerQueue | null>(null);
  const url = `/api/attempts/${attemptId}`;

  const load = useCallback(async () => {
    try {
      const d = await timed(clock, () => api<AttemptDelivery>('GET', url));
      setDelivery(d);
      setError(null);
      return d;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'network') return null;
      setError(errorMessage(err));
      return null;
    }
  }, [clock, url]);

  useEffect(() => {
    void load();
  }, [load]);

  // The queue lives while the attempt is in progress.
  const running = delivery?.state === 'in_progress';
  useEffect(() => {
    if (!running || !delivery || queueRef.current) return;
    const queue = new AnswerQueue({
      attemptId,
      storage: localStorage,
      send: async (a) => {
        try {
          await api('PUT', `${url}/answers/${encodeURIComponent(a.itemId)}`, {
            choiceIds: a.choiceIds,
            flagged: a.flagged,
            seq: a.seq,
          });
          return { kind: 'ok' };
        } catch (err) {
          return classify(err);
        }
      },
      onChange: (s, pending, message) => {
        setStatus(s);
        setPendingCount(pending.length);
        if (message) setSaveError(message);
        if (s === 'closed') void load();
      },
    });
    queueRef.current = queue;
    setAnswers(overlay(delivery, queue.waiting));
    queue.resume(delivery.lastSeq);
  }, [running, delivery, attemptId, url, load]);

  // Back online: send what waits at once, and hear from the server.
  useEffect(() => {
    if (!running) return;
    const online = () => queueRef.current?.retryNow();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [running]);

  // Heartbeat: the workstation is alive; and the page learns an ending it did not cause (operator, expiry).
  useEffect(() => {
    if (!running) return;
    const beat = async () => {
      try {
        const hb = await timed(clock, () => api<HeartbeatReply>('POST', `${url}/heartbeat`, {}));
        if (hb.state !== 'in_progress') await load();
        // The deadline and the pause are the server's: should they ever differ from the page's, the server's win.
        else setDelivery((d) => clockFrom(d, hb));
      } catch {
        /* offline: the save status already says so */
      }
    };
    const t = setInterval(() => void beat(), HEARTBEAT_MS);
    return () => clearInterval(t);
  }, [running, clock, url, load]);

  // Pushed by the server: an ending, a pause, a resume or a moved deadline, shown at once.
  const onSignal = useCallback(
    (s: AttemptSignal) => {
      if (s.state !== 'in_progress') void load();
      else {
        setDelivery((d) => clockFrom(d, s));
        // Resumed: what waited during the pause goes now, and a « Terminer » refused meanwhile is forgotten.
        if (!s.pausedAt) {
          queueRef.current?.retryNow();
          setError(null);
        }
      }
    },
    [load],
  );
  useAttemptEvents(attemptId, running, onSignal);

  // The browser's own leave-page guard while the exam runs (the window's X, a reload, another address).
  useEffect(() => {
    if (!running) return;
    const guard = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [running]);

  /** Once the countdown reaches zero: ask until the server has closed the attempt. */
  const [timeUp, setTimeUp] = useState(false);
  useEffect(() => {
    if (!running || !timeUp) return;
    const t = setInterval(() => void load(), CLOSING_POLL_MS);
    return () => clearInterval(t);
  }, [running, timeUp, load]);

  /** Seconds before « Commencer » is pressed again by the page, after the server asked it to wait (startRetry.ts). */
  const [startWait, setStartWait] = useState<number | null>(null);
  const start = useCallback(async () => {
    try {
      const send = () => timed(clock, () => api<AttemptDelivery>('POST', `${url}/start`, {}));
      setDelivery(await startUntilAnswered(send, setStartWait));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setStartWait(null);
    }
  }, [clock, url]);

  const change = useCallback((itemId: string, choiceIds: string[], flagged: boolean) => {
    setAnswers((prev) => ({ ...prev, [itemId]: { choiceIds, flagged } }));
    setSaveError(null);
    queueRef.current?.change(itemId, choiceIds, flagged);
  }, []);

  /** « Terminer »: only once every answer is acknowledged, so the score counts them all. */
  const submit = useCallback(async (): Promise<'done' | 'pending'> => {
    const queue = queueRef.current;
    if (queue && queue.waiting.length > 0) {
      queue.retryNow();
      for (let i = 0; i < 50 && queue.waiting.length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      if (queue.waiting.length > 0) return 'pending';
    }
    try {
      await api<SubmitReply>('POST', `${url}/submit`, {});
    } catch (err) {
      if (err instanceof ApiError && err.code === 'network') return 'pending';
      // Refused (« Examen en pause »…): said on the page (after the reload, which clears the last error); the
      // exam goes on and its answers are still sent.
      await load();
      setError(errorMessage(err));
      return 'done';
    }
    setError(null);
    queue?.close();
    await load();
    return 'done';
  }, [url, load]);

  // An ended attempt: nothing is left to send.
  useEffect(() => {
    if (!delivery?.result) return;
    forgetPosition(attemptId);
    if (queueRef.current) {
      queueRef.current.close();
      queueRef.current = null;
    }
  }, [delivery?.result, attemptId]);

  return {
    delivery,
    error,
    answers,
    status,
    saveError,
    pendingCount,
    clock,
    start,
    startWait,
    change,
    submit,
    timeUp,
    setTimeUp,
    retry: () => queueRef.current?.retryNow(),
  };
}
