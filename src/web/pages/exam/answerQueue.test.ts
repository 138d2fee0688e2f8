import { describe, expect, it } from 'vitest';
import { AnswerQueue, storageKey, type PendingAnswer, type QueueStatus, type SendResult } from './answerQueue';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

/** A fake network the test controls: each send waits until the test answers it. */
function harness(storage = new MemoryStorage()) {
  const sent: PendingAnswer[] = [];
  const answers: ((r: SendResult) => void)[] = [];
  const statuses: QueueStatus[] = [];
  const timers: (() => void)[] = [];
  const queue = new AnswerQueue({
    attemptId: 'A1',
    storage,
    send: (a) =>
      new Promise<SendResult>((resolve) => {
        sent.push(a);
        answers.push(resolve);
      }),
    onChange: (s) => statuses.push(s),
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => undefined,
  });
  const reply = async (r: SendResult) => {
    answers.shift()!(r);
    await new Promise((res) => setTimeout(res, 0));
  };
  const fireTimer = async () => {
    timers.shift()!();
    await new Promise((res) => setTimeout(res, 0));
  };
  return { queue, sent, reply, statuses, timers, storage, fireTimer };
}

describe('the answer queue', () => {
  it('numbers changes from the server’s last sequence number and sends them one at a time, in order', async () => {
    const h = harness();
    h.queue.resume(7);
    expect(h.queue.change('q1', ['a'], false)).toBe(8);
    expect(h.queue.change('q2', ['b'], true)).toBe(9);
    expect(h.sent.map((s) => s.seq)).toEqual([8]);
    await h.reply({ kind: 'ok' });
    expect(h.sent.map((s) => s.seq)).toEqual([8, 9]);
    await h.reply({ kind: 'ok' });
    expect(h.queue.waiting).toEqual([]);
    expect(h.statuses.at(-1)).toBe('saved');
  });

  it('keeps what is not acknowledged through a failure, says so, and sends it again, in order', async () => {
    const h = harness();
    h.queue.resume(0);
    h.queue.change('q1', ['a'], false);
    await h.reply({ kind: 'retry' });
    expect(h.statuses.at(-1)).toBe('offline');
    h.queue.change('q1', ['b'], false);
    h.queue.change('q3', ['a', 'b'], false);
    expect(h.sent).toHaveLength(1);
    await h.fireTimer();
    await h.reply({ kind: 'retry' });
    // Back online: sent at once, without waiting for the timer.
    h.queue.retryNow();
    await h.reply({ kind: 'ok' });
    await h.reply({ kind: 'ok' });
    await h.reply({ kind: 'ok' });
    expect(h.sent.map((s) => `${s.itemId}:${s.seq}`)).toEqual(['q1:1', 'q1:1', 'q1:1', 'q1:2', 'q3:3']);
    expect(h.statuses.at(-1)).toBe('saved');
  });

  it('survives a reload: unacknowledged changes come back from storage and are sent first', async () => {
    const storage = new MemoryStorage();
    const first = harness(storage);
    first.queue.resume(3);
    first.queue.change('q1', ['a'], false);
    first.queue.change('q2', ['true'], false);
    // The page is reloaded before any acknowledgement.
    const second = harness(storage);
    second.queue.resume(3);
    expect(second.sent.map((s) => s.seq)).toEqual([4]);
    await second.reply({ kind: 'ok' });
    await second.reply({ kind: 'ok' });
    expect(second.sent.map((s) => s.seq)).toEqual([4, 5]);
    expect(second.queue.change('q5', ['b'], false)).toBe(6);
  });

  it('drops a change the server will never take (a newer answer is stored) and goes on', async () => {
    const h = harness();
    h.queue.resume(0);
    h.queue.change('q1', ['a'], false);
    h.queue.change('q2', ['true'], false);
    await h.reply({ kind: 'drop' });
    await h.reply({ kind: 'ok' });
    expect(h.queue.waiting).toEqual([]);
  });

  it('stops when the session ended, keeping the changes, and resumes after signing in again', async () => {
    const h = harness();
    h.queue.resume(0);
    h.queue.change('q1', ['a'], false);
    await h.reply({ kind: 'signedOut' });
    expect(h.statuses.at(-1)).toBe('signedOut');
    h.queue.change('q2', ['b'], false);
    expect(h.sent).toHaveLength(1);
    expect(JSON.parse(h.storage.getItem(storageKey('A1'))!).pending).toHaveLength(2);
    h.queue.retryNow();
    await h.reply({ kind: 'ok' });
    await h.reply({ kind: 'ok' });
    expect(h.queue.waiting).toEqual([]);
  });

  it('forgets everything once the exam is closed', async () => {
    const h = harness();
    h.queue.resume(0);
    h.queue.change('q1', ['a'], false);
    await h.reply({ kind: 'closed' });
    expect(h.storage.getItem(storageKey('A1'))).toBeNull();
    expect(h.statuses.at(-1)).toBe('closed');
  });
});
