import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../tests/support/databases.js';
import { makeExamRoom } from '../../../../tests/support/exam-room.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { Channel, type Subscriber } from './live.channel.js';
import { MAX_AGE_MS, MAX_EVENTS, ReplayBuffer } from './live.replay.js';

/** A list as the channel sees it: what it was sent, split into events (id and name). */
function recorder(): Subscriber & { events: { id: string | null; event: string }[] } {
  let closed = false;
  const events: { id: string | null; event: string }[] = [];
  return {
    events,
    get closed() {
      return closed;
    },
    write(chunk) {
      for (const block of chunk.split('\n\n').filter(Boolean))
        events.push({
          id: /^id: (.+)$/m.exec(block)?.[1] ?? null,
          event: /^event: (.+)$/m.exec(block)![1]!,
        });
      return true;
    },
    close() {
      closed = true;
    },
  };
}

describe('the live replay buffer', () => {
  it('holds at most MAX_EVENTS, and none older than MAX_AGE_MS', () => {
    let now = 0;
    const buffer = new ReplayBuffer(MAX_EVENTS, MAX_AGE_MS, () => now);
    for (let seq = 1; seq <= 10_000; seq++) buffer.push(seq, `event ${seq}\n\n`);
    expect(buffer.size).toBe(MAX_EVENTS);
    expect(buffer.oldest).toBe(10_000 - MAX_EVENTS + 1);
    // Its memory: the slots (evicted ones not yet compacted included) stay within twice the bound.
    expect(buffer.slots).toBeLessThanOrEqual(2 * MAX_EVENTS);
    expect(buffer.heldChars).toBe(buffer.after(0).join('').length);
    now = MAX_AGE_MS / 2;
    buffer.push(10_001, 'late\n\n');
    now = MAX_AGE_MS + 1;
    buffer.trim();
    expect(buffer.size).toBe(1);
    expect(buffer.after(10_000)).toEqual(['late\n\n']);
    now = 2 * MAX_AGE_MS;
    buffer.trim();
    expect([buffer.size, buffer.oldest, buffer.heldChars]).toEqual([0, null, 0]);
  });
});

describe.each(dbKinds())('a live channel fed 10,000 events on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('keeps at most the bound, replays what it holds, and sends a snapshot from an evicted id', async () => {
    const room = await makeExamRoom(t.ctx, 100);
    const ch = new Channel(t.ctx, room.servicePointId);
    const first = recorder();
    await ch.subscribe(first);
    expect(first.events.map((e) => e.event)).toEqual(['snapshot']);
    const users = room.seats.map((s) => s.userId);
    // 100 rounds: every learner's name changes, so each round is 100 row events.
    for (let round = 1; round <= 100; round++) {
      await t.ctx.db
        .updateTable('users')
        .set({ first_name: `Marie ${round}` })
        .where('id', 'in', users)
        .execute();
      for (const s of room.seats) ch.changed(s.attemptId);
      // The channel sends at most every 50 ms: the round is in once its 100 rows arrived.
      while (first.events.length < 1 + round * 100) await new Promise((r) => setTimeout(r, 5));
    }
    const rows = first.events.slice(1);
    expect(rows).toHaveLength(10_000);
    expect(rows.every((e) => e.event === 'row')).toBe(true);

    expect(ch.replayHeld().events).toBeLessThanOrEqual(MAX_EVENTS);
    expect(ch.replayHeld().slots).toBeLessThanOrEqual(2 * MAX_EVENTS);

    // Reconnecting after an id still held: exactly the events after it.
    const recent = recorder();
    await ch.subscribe(recent, rows[10_000 - 101]!.id!);
    expect(recent.events).toHaveLength(100);
    expect(recent.events.map((e) => e.id)).toEqual(rows.slice(-100).map((e) => e.id));

    // Reconnecting after an evicted id: a snapshot of every open exam, numbered as the last event.
    const late = recorder();
    await ch.subscribe(late, rows[0]!.id!);
    expect(late.events).toEqual([{ id: rows.at(-1)!.id, event: 'snapshot' }]);
  }, 60_000);
});
