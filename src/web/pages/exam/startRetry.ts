import { ApiError } from '../../api/client';

/** When the server did not say how long to wait. */
const DEFAULT_WAIT_S = 2;

/**
 * How long (ms) the page waits before pressing « Commencer » again after `err`: a 503 (the database busy — a
 * whole room pressed it in the same second) or a 429 is waited out for the reply's Retry-After, plus up to a
 * second so the refused learners do not all come back in the same instant; null for any other refusal.
 */
export function startRetryDelay(err: unknown, random: () => number = Math.random): number | null {
  if (!(err instanceof ApiError) || (err.status !== 503 && err.status !== 429)) return null;
  return (err.retryAfter ?? DEFAULT_WAIT_S) * 1000 + Math.floor(random() * 1000);
}

/**
 * « Commencer » until it is answered: after a refusal to wait out (startRetryDelay), `onWait` is told the whole
 * seconds left, each second (the page shows « … nouvelle tentative dans N s »), then null, and it is sent again.
 * Starting twice is harmless: the server answers a started attempt with its running state.
 */
export async function startUntilAnswered<T>(
  send: () => Promise<T>,
  onWait: (secondsLeft: number | null) => void,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  for (;;) {
    try {
      return await send();
    } catch (err) {
      const delay = startRetryDelay(err);
      if (delay === null) throw err;
      for (let left = delay; left > 0; left -= 1000) {
        onWait(Math.ceil(left / 1000));
        await sleep(Math.min(1000, left));
      }
      onWait(null);
    }
  }
}
