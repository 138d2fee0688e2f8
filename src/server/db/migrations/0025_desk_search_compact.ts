import { sql, type Kysely } from 'kysely';
import { compactText, emailSearchKeys, foldText } from '../../../shared/text.js';
import { isPostgres } from '../dialect.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * « Liste des apprenants » folds apostrophes, hyphens and spaces, and finds an e-mail by any part of it (issue 17).
 * The name search columns hold the compact form (letters and digits of the folded name: « D’Amour » → damour,
 * « Sainte-Marie » → saintemarie), still read by range from the name indexes of 0007. `email_search_keys` holds,
 * per user, the keys of `emailSearchKeys` (each suffix of the e-mail's compact local part, then the domain
 * from each label): a prefix range on `key` (byte order on PostgreSQL) is a substring search served by an index.
 */
const BATCH = 500;

async function rewrite(db: Kysely<any>, name: (s: string) => string, keys: boolean) {
  for (let after = ''; ;) {
    const users = (await db
      .selectFrom('users')
      .select(['id', 'first_name', 'last_name', 'email'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()) as { id: string; first_name: string | null; last_name: string | null; email: string }[];
    if (users.length === 0) return;
    for (const u of users)
      await db
        .updateTable('users')
        .set({
          search_first: u.first_name === null ? null : name(u.first_name),
          search_last: u.last_name === null ? null : name(u.last_name),
        })
        .where('id', '=', u.id)
        .execute();
    const rows = keys ? users.flatMap((u) => emailSearchKeys(u.email).map((key) => ({ user_id: u.id, key }))) : [];
    for (let i = 0; i < rows.length; i += BATCH)
      await db
        .insertInto('email_search_keys')
        .values(rows.slice(i, i + BATCH))
        .execute();
    after = users[users.length - 1]!.id;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('email_search_keys')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => (isPostgres(db) ? c.notNull().modifyFront(sql`collate "C"`) : c.notNull()))
    .addPrimaryKeyConstraint('email_search_keys_pk', ['user_id', 'key'])
    .execute();
  await db.schema.createIndex('email_search_keys_by_key').on('email_search_keys').columns(['key', 'user_id']).execute();
  await rewrite(db, compactText, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_search_keys').execute();
  await rewrite(db, foldText, false);
}
