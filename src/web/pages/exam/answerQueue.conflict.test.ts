import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { AnswerQueue, type PendingAnswer, type SendResult } from './answerQueue';
import { classify } from './useAttempt';

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

/**
 * Two senders numbered alike (a second tab of the exam, a copy of the page that lost its storage): the
 * server answers 409 sequence_conflict when another answer holds the number. The page must not drop its
 * answer (the learner sees it on the screen): it numbers what waits again, above the server's numbers, and
 * sends it (issue 14).
 */
describe('the answer queue after a sequence conflict', () => {
  /** A fake server: keeps the answer per item with its number, like the real one. */
  function server() {
    const saved = new Map<string, PendingAnswer>();
    let lastSeq = 0;
    const put = (a: PendingAnswer): SendResult => {
      const found = saved.get(a.itemId);
      try {
        if (found && found.seq > a.seq)
          throw new ApiError(409, 'stale_sequence', 'stale', 'seq', { savedSeq: found.seq });
        if (found && found.seq === a.seq) {
          const same = found.flagged === a.flagged && found.choiceIds.join() === a.choiceIds.join();
          if (same) return { kind: 'ok' };
          throw new ApiError(409, 'sequence_conflict', 'conflict', 'seq', { savedSeq: found.seq, lastSeq });
        }
        saved.set(a.itemId, { ...a, choiceIds: [...a.choiceIds] });
        lastSeq = Math.max(lastSeq, a.seq);
        return { kind: 'ok' };
      } catch (err) {
        return classify(err);
      }
    };
    return { saved, put };
  }

  it('sends the page’s answer again under a new, higher number, and later changes after it', async () => {
    const s = server();
    // The other tab saved q1 = b under 8 and q2 = a under 9, numbered from the same last number (7).
    s.put({ itemId: 'q1', choiceIds: ['b'], flagged: false, seq: 8 });
    s.put({ itemId: 'q2', choiceIds: ['a'], flagged: false, seq: 9 });
    const results: SendResult[] = [];
    const queue = new AnswerQueue({
      attemptId: 'A1',
      storage: new MemoryStorage(),
      send: async (a) => {
        const r = s.put(a);
        results.push(r);
        return r;
      },
      onChange: () => undefined,
      setTimer: () => undefined,
      clearTimer: () => undefined,
    });
    queue.resume(7);
    queue.change('q1', ['a'], false);
    queue.change('q1', ['c'], true);
    for (let i = 0; i < 20 && queue.waiting.length > 0; i++) await new Promise((r) => setTimeout(r, 0));
    expect(queue.waiting).toEqual([]);
    expect(results[0]).toEqual({ kind: 'renumber', above: 9 });
    // This page's last change wins, numbered above everything the server held.
    expect(s.saved.get('q1')).toMatchObject({ choiceIds: ['c'], flagged: true });
    expect(s.saved.get('q1')!.seq).toBeGreaterThan(9);
    expect(s.saved.get('q2')).toMatchObject({ choiceIds: ['a'], seq: 9 });
  });

  it('still drops a change older than the saved one, and takes a retry of the same change as saved', () => {
    expect(classify(new ApiError(409, 'stale_sequence', 'stale', 'seq', { savedSeq: 9 }))).toEqual({ kind: 'drop' });
    expect(classify(new ApiError(409, 'sequence_conflict', 'c', 'seq', { savedSeq: 4, lastSeq: 12 }))).toEqual({
      kind: 'renumber',
      above: 12,
    });
  });
});
