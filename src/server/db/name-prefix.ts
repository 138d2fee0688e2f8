import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/*
 * The folded columns a search of people reads (last name, first name, e-mail), each with its own index in name
 * order (migration 0007), and their prefix ranges: for the repos of « Comptes » and « Inscriptions ».
 */
export type SearchField = 'search_last' | 'search_first' | 'email_lower';
export const SEARCH_FIELDS: readonly SearchField[] = ['search_last', 'search_first', 'email_lower'];

/** Upper bound of a prefix range: every folded string starting with `p` sorts in [p, p + U+FFFF). */
export const prefixUpper = (p: string) => p + '\uffff';

/**
 * How many accounts have `field` starting with `word`, counted no further than `cap` (one index range), counted by
 * the database: sending the 3,000 ids of « trem » to be counted here took 1.6–2.2 ms on PostgreSQL, counting them
 * there 0.5–0.7 ms.
 */
export async function countPrefixUpTo(db: Kysely<Database>, field: SearchField, word: string, cap: number) {
  const { n } = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('users')
        .select('id')
        .where(field, '>=', word)
        .where(field, '<', prefixUpper(word))
        .limit(cap)
        .as('m'),
    )
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Above this many accounts matching a prefix, walking rows in the list's order finds a page sooner than reading
 * and sorting every match (a page of 51 among 200,000: the two meet near √(51 × 200,000) ≈ 3,200).
 */
export const SORT_CAP = 3000;

/**
 * The distinct values of `field` starting with `word`, in order, at most `cap` (one index probe each: a loose scan
 * of the index, read as a recursive query). A first name's prefix holds few (« e »: Émile, Émilie, Éric, Étienne, Ève).
 */
export async function prefixValues(db: Kysely<Database>, field: 'search_first', word: string, cap: number) {
  const f = sql.ref(field);
  const end = prefixUpper(word);
  const { rows } = await sql<{ v: string }>`with recursive vs (v, n) as (
      select min(${f}), 1 from users where ${f} >= ${word} and ${f} < ${end}
      union all
      select (select min(${f}) from users where ${f} > vs.v and ${f} < ${end}), vs.n + 1 from vs
      where vs.v is not null and vs.n < ${cap}
    ) select v from vs where v is not null`.execute(db);
  return rows.map((r) => r.v);
}

/** Whether fewer than `cap` accounts have a last name, first name or e-mail starting with `word` (≤ cap index rows). */
export async function fewerPrefixMatches(db: Kysely<Database>, word: string, cap: number) {
  let n = 0;
  for (const field of SEARCH_FIELDS) {
    n += await countPrefixUpTo(db, field, word, cap - n);
    if (n >= cap) return false;
  }
  return true;
}
