import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import { sha256 } from '../../crypto.js';
import type { Database } from '../../db/schema.js';
import { auditPayloads, type AuditAction, type AuditPayload } from './audit.events.js';
import * as repo from './audit.repo.js';

const GENESIS = '0'.repeat(64);

export interface AuditEntry<A extends AuditAction> {
  action: A;
  actorId: string | null;
  subjectUserId?: string | null;
  servicePointId?: string | null;
  ip?: string | null;
  payload: AuditPayload<A>;
}

function rowHash(
  prev: string,
  r: {
    at: string;
    actor_id: string | null;
    action: string;
    subject_user_id: string | null;
    service_point_id: string | null;
    ip: string | null;
    payload: string;
  },
): string {
  return sha256(
    [
      prev,
      r.at,
      r.actor_id ?? '',
      r.action,
      r.subject_user_id ?? '',
      r.service_point_id ?? '',
      r.ip ?? '',
      r.payload,
    ].join('\u001f'),
  );
}

/**
 * Appends one row to the audit chain, inside the caller's transaction, so the record and the change
 * it records commit or roll back together.
 */
export async function record<A extends AuditAction>(
  ctx: AppContext,
  trx: Transaction<Database>,
  entry: AuditEntry<A>,
): Promise<void> {
  const payload = JSON.stringify(auditPayloads[entry.action].parse(entry.payload));
  await repo.lockChain(trx, ctx.dbKind === 'postgres');
  const prev = (await repo.lastHash(trx)) ?? GENESIS;
  const row = {
    at: ctx.now().toISOString(),
    actor_id: entry.actorId,
    action: entry.action,
    subject_user_id: entry.subjectUserId ?? null,
    service_point_id: entry.servicePointId ?? null,
    ip: entry.ip ?? null,
    payload,
  };
  await repo.insertRow(trx, { ...row, prev_hash: prev, hash: rowHash(prev, row) });
}

/**
 * Appends several rows at once, in order, inside the caller's transaction: one lock of the chain and one
 * insert (a room pressing « Commencer » together is one batch). The rows are built and checked before the lock;
 * under it, only the last hash is read, each row hashed onto the one before, and the rows inserted.
 */
export async function recordMany(
  ctx: AppContext,
  trx: Transaction<Database>,
  entries: AuditEntry<AuditAction>[],
): Promise<void> {
  if (entries.length === 0) return;
  const at = ctx.now().toISOString();
  const rows = entries.map((entry) => ({
    at,
    actor_id: entry.actorId,
    action: entry.action,
    subject_user_id: entry.subjectUserId ?? null,
    service_point_id: entry.servicePointId ?? null,
    ip: entry.ip ?? null,
    payload: JSON.stringify(auditPayloads[entry.action].parse(entry.payload)),
  }));
  await repo.lockChain(trx, ctx.dbKind === 'postgres');
  let prev = (await repo.lastHash(trx)) ?? GENESIS;
  const chained = rows.map((row) => {
    const hash = rowHash(prev, row);
    const full = { ...row, prev_hash: prev, hash };
    prev = hash;
    return full;
  });
  await repo.insertRows(trx, chained);
}

/** Records in a transaction of its own (for events with no other change, such as a photo view). */
export async function recordAlone<A extends AuditAction>(ctx: AppContext, entry: AuditEntry<A>): Promise<void> {
  await ctx.db.transaction().execute((trx) => record(ctx, trx, entry));
}

export type ChainVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string };

/** Walks the whole chain; names the first row whose link or content does not match. */
export async function verifyChain(ctx: AppContext): Promise<ChainVerdict> {
  let prev = GENESIS;
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await repo.rowsAfter(ctx.db, after, 1000);
    if (rows.length === 0) return { ok: true, rows: count };
    for (const r of rows) {
      count++;
      if (r.prev_hash !== prev)
        return { ok: false, rows: count, brokenAt: r.id, reason: 'prev_hash does not match the previous row' };
      if (rowHash(prev, r) !== r.hash)
        return { ok: false, rows: count, brokenAt: r.id, reason: 'row content does not match its hash' };
      prev = r.hash;
      after = r.id;
    }
  }
}

/** The hash of one row of the chain (a restore checks that the chain reaches its backup's head). */
export async function rowHashOf(ctx: AppContext, id: number): Promise<string | undefined> {
  return repo.hashOf(ctx.db, id);
}
