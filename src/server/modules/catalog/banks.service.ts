import type { Item } from '../../../shared/exam.js';
import type { AppContext } from '../../context.js';
import { newId } from '../../crypto.js';
import { DomainError } from '../../errors.js';
import type { Lang } from '../../http/messages.js';
import * as audit from '../audit/audit.service.js';
import * as bankRepo from './banks.repo.js';
import * as repo from './catalog.repo.js';
import type { BankLookup } from './file-sections.js';
import { utf8Text } from './files.js';
import { ProblemList, unreadable } from './import-problems.js';
import { readQtiBank } from './qti/read-bank.js';

/**
 * A training's item bank: the items of QTI packages without a test (the commonest shape), imported by item id
 * (an id already in the bank is replaced, the exams drawn from it keep their copy). An exam's sections draw
 * from it (`bank` in the own format: docs/exam-format.md, « Banque de questions »).
 */
export interface BankImport {
  trainingCode: string;
  added: number;
  replaced: number;
  unchanged: number;
  items: number;
}

export async function importBank(
  ctx: AppContext,
  trainingCode: string,
  source: { name: string; bytes: Uint8Array },
  opts: { actorId: string | null; ip?: string | null; lang?: Lang },
): Promise<BankImport> {
  const problems = new ProblemList(source.name);
  let items: Item[] | null = null;
  try {
    items = readQtiBank(source.bytes, source.name, problems);
  } catch (err) {
    problems.add(unreadable(err));
  }
  problems.check(opts.lang ?? 'fr');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const training = await repo.findTrainingByCode(trx, trainingCode);
    if (!training) throw new DomainError('unknown_training', { field: 'training', params: { code: trainingCode } });
    const existing = new Map((await bankRepo.listBankItems(trx, training.id)).map((r) => [r.item_id, r]));
    const counts = { added: 0, replaced: 0, unchanged: 0 };
    for (const item of items!) {
      const content = JSON.stringify(item);
      const row = existing.get(item.id);
      if (!row) {
        await bankRepo.insertBankItem(trx, {
          id: newId(),
          training_id: training.id,
          item_id: item.id,
          content,
          source: source.name,
          created_at: now,
          updated_at: null,
        });
        counts.added++;
      } else if (row.content !== content) {
        await bankRepo.replaceBankItem(trx, row.id, content, source.name, now);
        counts.replaced++;
      } else counts.unchanged++;
    }
    await audit.record(ctx, trx, {
      action: 'bank.imported',
      actorId: opts.actorId,
      ip: opts.ip,
      payload: { trainingCode, fileName: source.name, ...counts },
    });
    return { trainingCode, ...counts, items: items!.length };
  });
}

/** The items of a training's bank, by id. */
export async function listBank(ctx: AppContext, trainingCode: string) {
  const training = await repo.findTrainingByCode(ctx.db, trainingCode);
  if (!training) throw new DomainError('unknown_training', { field: 'training', params: { code: trainingCode } });
  return (await bankRepo.listBankItems(ctx.db, training.id)).map((r) => ({
    item: JSON.parse(r.content) as Item,
    source: r.source,
    importedAt: r.updated_at ?? r.created_at,
  }));
}

/**
 * The bank an exam file draws from (its top-level `bank`), read before the file is checked: the readers do not
 * wait on the database. A file that names no bank gets an empty lookup (and reads no table).
 */
export async function bankLookupFor(ctx: AppContext, source: { name: string; bytes: Uint8Array }): Promise<BankLookup> {
  const none: BankLookup = () => null;
  if (/\.zip$/i.test(source.name) || source.bytes[0] === 0x50) return none;
  const text = utf8Text(source.bytes);
  if (typeof text !== 'string') return none;
  // The top-level key (a YAML line that starts with it, or JSON's); the reader checks the file itself.
  let code: string | undefined;
  if (/\.json$/i.test(source.name)) {
    try {
      const bank = (JSON.parse(text) as { bank?: unknown } | null)?.bank;
      code = typeof bank === 'string' ? bank : undefined;
    } catch {
      return none;
    }
  } else code = /^bank:[ \t]*["']?([A-Za-z_][A-Za-z0-9_.-]{0,63})["']?[ \t]*(?:#.*)?$/m.exec(text)?.[1];
  if (!code) return none;
  const training = await repo.findTrainingByCode(ctx.db, code);
  if (!training) return none;
  const items = (await bankRepo.listBankItems(ctx.db, training.id)).map((r) => JSON.parse(r.content) as Item);
  return (c) => (c === code ? items : null);
}
