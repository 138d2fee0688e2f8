import { acceptsAnswerAt } from '../../../shared/attempt-states.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import * as repo from './batches.repo.js';
import { committer, GroupCommit } from './group-commit.js';

/**
 * Answer saves, written by group commit (group-commit.ts): one transaction and one durable commit for
 * all the saves that arrived meanwhile; nothing is acknowledged before it has committed.
 *
 * Inside the transaction, for the whole batch:
 * 1. the attempts are read — on PostgreSQL `for update`, in id order, so an ending (submit, expiry,
 *    termination) either committed before (this batch sees the attempt closed) or waits for this commit
 *    (and then scores these answers); SQLite runs one transaction at a time, so the read is as good as a lock;
 * 2. answers of attempts still in progress and before their deadline are upserted, never letting an older
 *    sequence number overwrite a newer one (`on conflict … do update … where answers.seq < excluded.seq`);
 *
 * An attempt's last sequence number and last answer time are read from its answers (db/attempt-progress.ts,
 * lastSeqOf): a save writes the answer's row and nothing else.
 */
export interface PendingAnswer {
  attemptId: string;
  itemId: string;
  response: string;
  flagged: boolean;
  seq: number;
}

export type WriteOutcome =
  | { kind: 'saved'; savedAt: string }
  | { kind: 'duplicate'; savedAt: string }
  | { kind: 'stale'; savedSeq: number }
  /** The saved answer has this sequence number but is another answer: two senders numbered alike. */
  | { kind: 'conflict'; savedSeq: number }
  | { kind: 'closed' };

const writers = new WeakMap<AppContext, GroupCommit<PendingAnswer, WriteOutcome>>();

/**
 * Up to three batches at once. PostgreSQL runs them on separate connections: each batch locks its attempts
 * first, so two batches touching one attempt still go one after the other, and a later send that commits
 * first makes the earlier one stale (refused, as a late send always is), never lost over a newer one.
 * SQLite runs their transactions one after the other on its one connection, but a batch's statements
 * overlap the previous batch's WAL flush (db/sqlite-durable.ts).
 */
export function writeAnswer(ctx: AppContext, answer: PendingAnswer): Promise<WriteOutcome> {
  return committer(writers, ctx, writeBatch, 3).submit(answer);
}

const keyOf = (a: { attemptId: string; itemId: string }) => repo.answerKey(a.attemptId, a.itemId);

const rowOf = (a: PendingAnswer, now: string): Database['answers'] => ({
  attempt_id: a.attemptId,
  item_id: a.itemId,
  response: a.response,
  flagged: a.flagged ? 1 : 0,
  seq: a.seq,
  saved_at: now,
});

/** The same choices (in any order) and the same flag. */
function sameAnswer(a: PendingAnswer, stored: { response: string; flagged: boolean }): boolean {
  if (a.flagged !== stored.flagged) return false;
  const sorted = (json: string) => (JSON.parse(json) as string[]).slice().sort().join('\u0000');
  return sorted(a.response) === sorted(stored.response);
}

/**
 * A save the upsert did not write: the same change sent again (duplicate), a late older one (stale), or
 * another change under the number already saved (conflict: acknowledging it as a duplicate would drop it
 * while telling the page it was saved).
 */
function refusedOutcome(a: PendingAnswer, stored: Awaited<ReturnType<typeof repo.storedSeqs>>): WriteOutcome {
  const found = stored.get(keyOf(a));
  if (found?.seq !== a.seq) return { kind: 'stale', savedSeq: found?.seq ?? 0 };
  return sameAnswer(a, found)
    ? { kind: 'duplicate', savedAt: found.savedAt }
    : { kind: 'conflict', savedSeq: found.seq };
}

/**
 * PostgreSQL, a batch without two saves of one item (the usual case): the lock, the check and the upsert
 * in one statement, committed on its own (repo.lockAndUpsertAnswers) — one round trip instead of four.
 * Saves refused there are told apart (the same change again, or a late older one) by a read afterwards.
 */
async function writeBatchInOneStatement(ctx: AppContext, batch: PendingAnswer[], now: string) {
  const { open, saved } = await repo.lockAndUpsertAnswers(
    ctx.db,
    batch.map((a) => rowOf(a, now)),
    now,
  );
  const refused = batch.filter((a) => open.has(a.attemptId) && !saved.has(keyOf(a)));
  const stored = refused.length > 0 ? await repo.storedSeqs(ctx.db, refused) : new Map();
  return batch.map((a): WriteOutcome => {
    if (!open.has(a.attemptId)) return { kind: 'closed' };
    if (saved.has(keyOf(a))) return { kind: 'saved', savedAt: now };
    return refusedOutcome(a, stored);
  });
}

async function writeBatch(ctx: AppContext, batch: PendingAnswer[]): Promise<WriteOutcome[]> {
  const now = ctx.now().toISOString();
  if (ctx.dbKind === 'postgres' && new Set(batch.map(keyOf)).size === batch.length)
    return writeBatchInOneStatement(ctx, batch, now);
  return ctx.db.transaction().execute(async (trx) => {
    const outcomes: WriteOutcome[] = new Array(batch.length);
    const attemptIds = [...new Set(batch.map((a) => a.attemptId))].sort();
    const states = await repo.lockAttemptsForAnswers(trx, attemptIds, ctx.dbKind === 'postgres');
    const open = new Set(
      states.filter((s) => acceptsAnswerAt(s.state, s.deadline_at, now, s.paused_at)).map((s) => s.id),
    );
    // One statement cannot upsert the same row twice: a second save of the same item in this batch goes
    // in a later round, which sees the first one's result.
    let todo: number[] = [];
    batch.forEach((a, i) => {
      if (open.has(a.attemptId)) todo.push(i);
      else outcomes[i] = { kind: 'closed' };
    });
    while (todo.length > 0) {
      const seen = new Set<string>();
      const round: number[] = [];
      const later: number[] = [];
      for (const i of todo) {
        const k = keyOf(batch[i]!);
        if (seen.has(k)) later.push(i);
        else {
          seen.add(k);
          round.push(i);
        }
      }
      const saved = await repo.upsertAnswers(
        trx,
        round.map((i) => rowOf(batch[i]!, now)),
      );
      const savedKeys = new Set(saved.map((r) => repo.answerKey(r.attempt_id, r.item_id)));
      const refused: number[] = [];
      for (const i of round) {
        const a = batch[i]!;
        if (savedKeys.has(keyOf(a))) {
          outcomes[i] = { kind: 'saved', savedAt: now };
        } else refused.push(i);
      }
      if (refused.length > 0) {
        const stored = await repo.storedSeqs(
          trx,
          refused.map((i) => ({ attemptId: batch[i]!.attemptId, itemId: batch[i]!.itemId })),
        );
        for (const i of refused) outcomes[i] = refusedOutcome(batch[i]!, stored);
      }
      todo = later;
    }
    return outcomes;
  });
}
