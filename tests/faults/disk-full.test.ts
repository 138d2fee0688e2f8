import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../support/server-process.js';
import { Crowd } from './learners.js';
import {
  afterFaultProblems,
  healthyAgain,
  logTail,
  prepareRoom,
  probeHealth,
  serve,
  showProbes,
  slowProbes,
  startAll,
  stopServer,
  waitFor,
  watchHealth,
  type Probe,
  type Room,
} from './support.js';
import { canMountTmpfs, fillDisk } from './inject.js';

const PORT = 4230;
const mount = canMountTmpfs();
if (!mount.ok)
  console.warn(`full-disk fault skipped: this process may not mount a tmpfs (${mount.why}); CI runs it as root`);

/**
 * Issue 13, fault 5: DATA_DIR on a small tmpfs, filled to the last byte while learners save (the exam has
 * 200 items, so saves keep adding rows and the database must grow). Saves answer 503 `storage_full`,
 * /healthz answers 503 naming the storage, the log says SQLITE_FULL or ENOSPC; once space is freed, saves
 * succeed again without a restart and nothing acknowledged is lost.
 */
describe.skipIf(!mount.ok)('SQLite on a full disk', () => {
  let dir: string;
  let room: Room;
  let server: ServerProcess | undefined;
  let crowd: Crowd | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-full-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir]);
    room = await prepareRoom('sqlite', 20, { dataDir: dir, itemCount: 200 });
    server = await serve(room, PORT);
    await startAll(server.url, room.seats);
    crowd = new Crowd(room.seats, room.items, () => server!.url, { thinkMs: 100, heartbeatMs: 3000 }).start();
    if (!(await crowd.progress(100, 30_000))) throw new Error(`the learners could not save: ${crowd.summary()}`);
  }, 120_000);

  afterAll(async () => {
    await crowd?.stop();
    if (server) await stopServer(server, 5000);
    if (dir) {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 503 storage_full and says so on /healthz and in the log, then saves again once space is freed', async () => {
    const c = crowd!;
    const s = server!;
    const disk = fillDisk(dir);
    const t0 = Date.now();
    const watch = watchHealth(s.url);
    const full = () => c.count((k) => k.startsWith('save 503 storage_full'));
    const refused = await waitFor(() => full() > 0, 20_000);
    let last: Probe | undefined;
    const named = await waitFor(async () => {
      last = await probeHealth(s.url);
      return last.status === 503 && /storage|disk|full/i.test(JSON.stringify(last.body));
    }, 10_000);
    const logged = await waitFor(() => /SQLITE_FULL|ENOSPC/.test(s.output()), 5000);
    const probes = await watch.stop();
    console.info(
      `full disk (${disk.written} bytes of filler): storage_full answered: ${refused} after ${Date.now() - t0} ms; replies: ${c.summary()}`,
    );
    expect.soft(refused, `saves answered 503 storage_full (${c.summary()})\n${logTail(s)}`).toBe(true);
    expect.soft(named, `/healthz on a full disk: ${last && showProbes([last])}`).toBe(true);
    expect.soft(logged, `the log names SQLITE_FULL or ENOSPC:\n${logTail(s)}`).toBe(true);
    expect.soft(slowProbes(probes), `/healthz on a full disk:\n${showProbes(probes)}`).toEqual([]);

    disk.free();
    expect(await healthyAgain(s.url, 10_000), 'once space is freed').toEqual([]);
    expect(await c.progress(100, 20_000), `saves once space is freed: ${c.summary()}`).toBe(true);
  }, 120_000);

  it('keeps every acknowledged answer and an intact audit chain, answering no 500', async () => {
    await crowd!.stop();
    expect(await afterFaultProblems(room, crowd!)).toEqual([]);
    expect(crowd!.badServerErrors(), JSON.stringify(crowd!.samples, null, 1)).toEqual([]);
  }, 60_000);
});
