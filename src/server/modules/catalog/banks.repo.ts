import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

/** The items of a training's bank, by item id. */
export function listBankItems(db: Executor, trainingId: string) {
  return db
    .selectFrom('bank_items')
    .select(['id', 'item_id', 'content', 'source', 'created_at', 'updated_at'])
    .where('training_id', '=', trainingId)
    .orderBy('item_id')
    .execute();
}

export async function insertBankItem(db: Executor, row: Database['bank_items']) {
  await db.insertInto('bank_items').values(row).execute();
}

export async function replaceBankItem(db: Executor, id: string, content: string, source: string, at: string) {
  await db.updateTable('bank_items').set({ content, source, updated_at: at }).where('id', '=', id).execute();
}
