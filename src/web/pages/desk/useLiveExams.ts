import { useEffect, useRef, useState } from 'react';
import type { LiveRow, LiveRowChanged, LiveRowRemoved, LiveSnapshot } from '../../../shared/live';
import { useSession } from '../../session';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** After a refused or broken stream, how long before opening a new one. */
const REOPEN_MS = 3000;

/**
 * The service point's open exams, pushed by the server (GET /api/desk/live, server-sent events): no polling.
 * EventSource reconnects by itself and resumes from the last event id; when the server cannot replay what
 * was missed it sends the whole list again. A refused stream (session ended, server restarting) is reopened
 * after a pause, resuming from the last id seen. `serverOffset` is the server's clock minus this browser's.
 */
export function useLiveExams(servicePointId: string | null, onRemoved?: (removed: LiveRowRemoved) => void) {
  const { refresh } = useSession();
  const [rows, setRows] = useState<Map<string, LiveRow> | null>(null);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [serverOffset, setServerOffset] = useState(0);
  const removedRef = useRef(onRemoved);
  removedRef.current = onRemoved;

  useEffect(() => {
    if (!servicePointId) return;
    let source: EventSource | null = null;
    let lastId = '';
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // Network delays make each reading differ a little: only a real change moves the clock.
    const clock = (serverNow: string) => {
      const offset = Date.parse(serverNow) - Date.now();
      setServerOffset((prev) => (Math.abs(prev - offset) > 1000 ? offset : prev));
    };

    const open = () => {
      const q = new URLSearchParams({ servicePointId });
      if (lastId) q.set('lastEventId', lastId);
      const es = new EventSource(`/api/desk/live?${q}`);
      source = es;
      es.onopen = () => setStatus('live');
      es.addEventListener('snapshot', (e) => {
        lastId = e.lastEventId;
        const d = JSON.parse(e.data as string) as LiveSnapshot;
        clock(d.serverNow);
        setRows(new Map(d.rows.map((r) => [r.attemptId, r])));
      });
      es.addEventListener('row', (e) => {
        lastId = e.lastEventId;
        const d = JSON.parse(e.data as string) as LiveRowChanged;
        clock(d.serverNow);
        setRows((prev) => new Map(prev ?? []).set(d.row.attemptId, d.row));
      });
      es.addEventListener('removed', (e) => {
        lastId = e.lastEventId;
        const d = JSON.parse(e.data as string) as LiveRowRemoved;
        clock(d.serverNow);
        setRows((prev) => {
          const next = new Map(prev ?? []);
          next.delete(d.attemptId);
          return next;
        });
        removedRef.current?.(d);
      });
      es.addEventListener('session_expired', () => {
        es.close();
        void refresh();
      });
      es.onerror = () => {
        setStatus('reconnecting');
        // CONNECTING: the browser retries by itself. CLOSED: it gave up (an error answer); try again later,
        // once the session is known (an ended session sends the page to the sign-in).
        if (es.readyState !== EventSource.CLOSED || stopped) return;
        void refresh();
        reopen = setTimeout(() => {
          if (!stopped) open();
        }, REOPEN_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(reopen);
      source?.close();
    };
  }, [servicePointId, refresh]);

  return { rows, status, serverOffset };
}

/** The server's "now" in this browser, refreshed every second (countdowns, « il y a 12 s »). */
export function useServerNow(serverOffset: number): number {
  const [now, setNow] = useState(() => Date.now() + serverOffset);
  useEffect(() => {
    setNow(Date.now() + serverOffset);
    const timer = setInterval(() => setNow(Date.now() + serverOffset), 1000);
    return () => clearInterval(timer);
  }, [serverOffset]);
  return now;
}
