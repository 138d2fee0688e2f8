/**
 * The exam's clock is the server's. The page never reads its own wall clock (a workstation set hours
 * off changes nothing): each response carries the server's time, and the page keeps the sample with the
 * shortest round trip, taken at the middle of that round trip on the monotonic `performance.now()`.
 */
export class ServerClock {
  private samples: { serverMs: number; at: number; rtt: number }[] = [];

  /** `sentAt` and `receivedAt` are `performance.now()` readings around the request. */
  observe(serverIso: string, sentAt: number, receivedAt: number) {
    const serverMs = Date.parse(serverIso);
    if (Number.isNaN(serverMs)) return;
    this.samples.push({ serverMs, at: (sentAt + receivedAt) / 2, rtt: receivedAt - sentAt });
    if (this.samples.length > 10) this.samples.shift();
  }

  get known(): boolean {
    return this.samples.length > 0;
  }

  /** The server's time now, in ms since the epoch. */
  now(perfNow = performance.now()): number {
    let best = this.samples[0];
    for (const s of this.samples) if (best && s.rtt < best.rtt) best = s;
    if (!best) return NaN;
    return best.serverMs + (perfNow - best.at);
  }
}

/** Milliseconds left → "mm:ss" (minutes may exceed 59: "90:00"). */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
