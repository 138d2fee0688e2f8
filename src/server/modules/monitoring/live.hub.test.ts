import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServicePoint } from '../../../../tests/support/factories.js';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { LiveHub, type Watcher } from './live.hub.js';

/** A stream as the hub sees it, recording whether it was closed. */
function watcher(sessionId: string): Watcher & { closes: number } {
  let closed = false;
  return {
    sessionId,
    closes: 0,
    get closed() {
      return closed;
    },
    write: () => !closed,
    close() {
      this.closes++;
      closed = true;
    },
    stillAllowed: () => true,
    expire() {
      this.close();
    },
  };
}

/**
 * A stop closes every live stream (app.close() waits for open connections): also one that was still reading
 * its snapshot when the stop began, and one that arrives after it — else the stop waits out its grace.
 */
describe('the live hub at a stop', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('closes streams being set up when the stop begins, and any that start after', async () => {
    const sp = await makeServicePoint(t.ctx);
    const hub = new LiveHub(t.ctx);
    const open = watcher('s1');
    await hub.watch(sp.id, open);
    const starting = watcher('s2');
    const subscribing = hub.watch(sp.id, starting); // reads its snapshot: not yet a subscriber
    hub.closeAll();
    await subscribing;
    const late = watcher('s3');
    await hub.watch(sp.id, late);
    expect([open.closed, starting.closed, late.closed]).toEqual([true, true, true]);
    await hub.stop();
  });
});
