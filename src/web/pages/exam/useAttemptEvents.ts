import { useEffect } from 'react';
import type { AttemptSignal } from '../../../shared/live';

/**
 * While the exam runs, the page listens to its attempt (server-sent events): an ending by the operator or the
 * server, or a moved deadline, arrives at once instead of at the next heartbeat. EventSource reconnects by
 * itself; the heartbeat stays as the fallback.
 */
export function useAttemptEvents(attemptId: string, running: boolean, onSignal: (signal: AttemptSignal) => void) {
  useEffect(() => {
    if (!running || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/attempts/${encodeURIComponent(attemptId)}/events`);
    source.addEventListener('attempt', (e) => {
      try {
        onSignal(JSON.parse((e as MessageEvent<string>).data) as AttemptSignal);
      } catch {
        /* a garbled event: the heartbeat catches up */
      }
    });
    source.addEventListener('session_expired', () => source.close());
    return () => source.close();
  }, [attemptId, running, onSignal]);
}
