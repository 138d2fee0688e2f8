import { randomBytes } from 'node:crypto';
import { statfs } from 'node:fs/promises';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { databaseTrouble, type DatabaseTrouble } from '../../db/errors.js';
import * as repo from './heartbeats.repo.js';

/** Who this instance is, for its heartbeat row; one per app (tests build several in one process). */
interface Instance {
  id: string;
  startedAt: string;
}
const instances = new WeakMap<AppContext, Instance>();

export function instanceOf(ctx: AppContext): Instance {
  let i = instances.get(ctx);
  if (!i) {
    i = { id: randomBytes(9).toString('base64url'), startedAt: ctx.now().toISOString() };
    instances.set(ctx, i);
  }
  return i;
}

/** Writes this instance's heartbeat: a real write, flushed to disk like any acknowledged one. */
export async function beat(ctx: AppContext): Promise<void> {
  const i = instanceOf(ctx);
  await repo.beat(ctx.db, i.id, i.startedAt, ctx.now().toISOString());
}

/**
 * At start-up: `whileSilent` runs with the time every other instance has been silent since (null when one
 * beat within `silenceMs`, or none ever did), then this instance's first heartbeat is written — all in one
 * transaction holding the heartbeats' lock, so that of several instances starting together only the first
 * sees the silence.
 */
export async function firstBeat(
  ctx: AppContext,
  silenceMs: number,
  whileSilent: (trx: Transaction<Database>, since: string) => Promise<void>,
): Promise<void> {
  const i = instanceOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    if (ctx.dbKind === 'postgres') await repo.lockHeartbeats(trx);
    const last = await repo.latestBeatOfOthers(trx, i.id);
    const now = ctx.now();
    if (last && now.getTime() - Date.parse(last) > silenceMs) await whileSilent(trx, last);
    await repo.beat(trx, i.id, i.startedAt, now.toISOString());
  });
}

/** Forgets instances silent since before `before` (a restart is a new instance). */
export function forgetGoneInstances(ctx: AppContext, before: Date): Promise<void> {
  return repo.forgetBefore(ctx.db, before.toISOString());
}

export type Health =
  { ok: true } | { ok: false; trouble: DatabaseTrouble; detail: 'timeout' | 'low_disk' | 'write_failed' };

/**
 * Whether this instance can do its work now: the database takes a write (the heartbeat) within
 * `config.healthTimeoutMs`, and, on SQLite, the data directory's disk has `config.minFreeDiskMb` left.
 * Never waits longer than the timeout, whatever the database does.
 */
export async function checkHealth(ctx: AppContext): Promise<Health> {
  if (ctx.dbKind === 'sqlite') {
    try {
      const fs = await statfs(ctx.config.dataDir);
      if (fs.bavail * fs.bsize < ctx.config.minFreeDiskMb * 1024 * 1024)
        return { ok: false, trouble: 'storage_full', detail: 'low_disk' };
    } catch {
      // statfs unsupported here: the write probe alone decides.
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Health>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, trouble: 'database_busy', detail: 'timeout' }),
      ctx.config.healthTimeoutMs,
    );
  });
  const probe = beat(ctx).then(
    (): Health => ({ ok: true }),
    (err: unknown): Health => {
      const trouble = databaseTrouble(err);
      if (!trouble) ctx.log.error({ err }, 'health probe failed');
      return { ok: false, trouble: trouble ?? 'database_unavailable', detail: 'write_failed' };
    },
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
