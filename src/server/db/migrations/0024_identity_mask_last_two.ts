import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time */
/**
 * The masked identity number keeps only its last two characters (issue 14): `TREM •••• ••13` becomes
 * `•••• •••• ••13`, `T••••-••••••-01` becomes `•••••-••••••-01`. The name letters, with the date of birth,
 * rebuilt the whole number. `substr`/`length` count characters on both databases (the dots are multi-byte).
 * The audit log's older payloads are not rewritten: each row is hash-chained to the one before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const lastTwo = sql<string>`substr(number_masked, length(number_masked) - 1)`;
  await db
    .updateTable('identity_checks')
    .set({ number_masked: sql`${'•••• •••• ••'} || ${lastTwo}` })
    .where('document_type', '=', 'health')
    .execute();
  await db
    .updateTable('identity_checks')
    .set({ number_masked: sql`${'•••••-••••••-'} || ${lastTwo}` })
    .where('document_type', '=', 'licence')
    .execute();
}

/** The letters are gone for good: going back leaves the new form in place. */
export async function down(): Promise<void> {}
