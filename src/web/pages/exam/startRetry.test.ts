import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from '../../api/client';
import { startRetryDelay, startUntilAnswered } from './startRetry';

const busy = (retryAfter?: number) => new ApiError(503, 'database_busy', 'Occupé.', undefined, undefined, retryAfter);

describe('« Commencer » refused in a start storm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("the client reads the refusal's Retry-After", async () => {
    vi.stubGlobal('document', { cookie: '', documentElement: {} });
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        new Response(JSON.stringify({ error: { code: 'database_busy', message: 'Occupé.' } }), {
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '3' },
        }),
      ),
    );
    const err = await api('POST', '/api/attempts/a/start', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).retryAfter).toBe(3);
  });

  it('waits out a 503 or 429 for its Retry-After (plus under a second), and nothing else', () => {
    expect(startRetryDelay(busy(2), () => 0.5)).toBe(2500);
    expect(startRetryDelay(new ApiError(429, 'rate_limited', 'Trop.', undefined, undefined, 1), () => 0)).toBe(1000);
    expect(startRetryDelay(busy(), () => 0)).toBe(2000);
    expect(startRetryDelay(new ApiError(409, 'attempt_ended', 'Terminé.'))).toBeNull();
    expect(startRetryDelay(new ApiError(0, 'network', 'Réseau indisponible.'))).toBeNull();
  });

  it('presses again by itself after the wait, counting the seconds down, until answered', async () => {
    const refusals = [busy(2), new ApiError(429, 'rate_limited', 'Trop.', undefined, undefined, 1)];
    let sent = 0;
    const send = () => {
      sent++;
      const err = refusals.shift();
      return err ? Promise.reject(err) : Promise.resolve('started');
    };
    const shown: (number | null)[] = [];
    const slept: number[] = [];
    const sleep = (ms: number) => {
      slept.push(ms);
      return Promise.resolve();
    };
    vi.spyOn(Math, 'random').mockReturnValue(0.25);
    await expect(startUntilAnswered(send, (s) => shown.push(s), sleep)).resolves.toBe('started');
    vi.restoreAllMocks();
    expect(sent).toBe(3);
    expect(shown).toEqual([3, 2, 1, null, 2, 1, null]);
    expect(slept.reduce((a, b) => a + b, 0)).toBe(2250 + 1250);
  });

  it("another refusal is the page's to show, at once", async () => {
    const ended = new ApiError(409, 'attempt_ended', 'Terminé.');
    const shown: (number | null)[] = [];
    await expect(
      startUntilAnswered(
        () => Promise.reject(ended),
        (s) => shown.push(s),
      ),
    ).rejects.toBe(ended);
    expect(shown).toEqual([]);
  });
});
