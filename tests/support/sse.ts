import { request, type IncomingMessage } from 'node:http';

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
  /** performance.now() when the event's last byte arrived. */
  at: number;
}

/**
 * A server-sent-events client as a browser's EventSource is, without the reconnection: one GET with the
 * given cookies (and Last-Event-ID), the stream parsed into events as they arrive.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  private listeners = new Set<(e: SseEvent) => void>();
  private buffer = '';
  ended = false;
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  private constructor(
    readonly status: number,
    readonly headers: IncomingMessage['headers'],
    private readonly res: IncomingMessage,
    readonly body: string,
    private readonly maxKept: number,
  ) {
    this.done = new Promise((r) => (this.resolveDone = r));
    if (status !== 200) {
      this.ended = true;
      this.resolveDone();
      return;
    }
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.feed(chunk));
    const end = () => {
      this.ended = true;
      this.resolveDone();
    };
    res.on('end', end);
    res.on('close', end);
    res.on('error', end);
  }

  /**
   * Opens the stream; resolves once the response headers arrived (a refusal resolves with its body).
   * `maxKept` bounds the events kept in `events` (a load test keeps only the first few).
   */
  static open(url: string, headers: Record<string, string> = {}, maxKept = Infinity): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false }, (res) => {
        if (res.statusCode === 200) return resolve(new SseClient(200, res.headers, res, '', maxKept));
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve(new SseClient(res.statusCode ?? 0, res.headers, res, body, maxKept)));
      });
      req.on('error', reject);
      req.end();
    });
  }

  private feed(chunk: string) {
    this.buffer += chunk;
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      const e: SseEvent = { event: 'message', data: '', at: performance.now() };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':') || line === '') continue;
        const i = line.indexOf(':');
        const name = i < 0 ? line : line.slice(0, i);
        const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
        if (name === 'event') e.event = value;
        else if (name === 'data') data.push(value);
        else if (name === 'id') e.id = value;
      }
      if (data.length === 0) continue;
      e.data = data.join('\n');
      if (this.events.length < this.maxKept) this.events.push(e);
      for (const l of this.listeners) l(e);
    }
  }

  onEvent(listener: (e: SseEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first event (already received, or to come) matching, parsed; fails after `timeoutMs`. */
  waitFor<T = unknown>(
    match: (event: string, data: T) => boolean,
    timeoutMs = 5000,
    from = 0,
  ): Promise<{ event: SseEvent; data: T }> {
    const test = (e: SseEvent) => {
      const data = JSON.parse(e.data) as T;
      return match(e.event, data) ? { event: e, data } : null;
    };
    for (const e of this.events.slice(from)) {
      const hit = test(e);
      if (hit) return Promise.resolve(hit);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(
          new Error(`no matching event within ${timeoutMs} ms; got: ${this.events.map((x) => x.event).join(', ')}`),
        );
      }, timeoutMs);
      const off = this.onEvent((e) => {
        const hit = test(e);
        if (hit) {
          clearTimeout(timer);
          off();
          resolve(hit);
        }
      });
    });
  }

  close() {
    this.res.destroy();
  }
}
