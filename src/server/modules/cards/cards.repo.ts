import { sql, type Insertable, type Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { CardsTable, Database } from '../../db/schema.js';
import type { AdminCardFilter } from '../../../shared/cards.js';

type Executor = Db | Transaction<Database>;

/** What issuing needs to know about an ended attempt. */
export async function attemptForCard(trx: Executor, attemptId: string) {
  return trx
    .selectFrom('attempts as a')
    .innerJoin('enrolments as e', 'e.id', 'a.enrolment_id')
    .innerJoin('trainings as t', 't.id', 'e.training_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .innerJoin('service_points as sp', 'sp.id', 'a.service_point_id')
    .select([
      'a.id',
      'a.user_id',
      'a.state',
      'a.outcome',
      'a.ended_at',
      'a.service_point_id',
      'sp.time_zone',
      't.id as training_id',
      't.code as training_code',
      't.title as training_title',
      't.title_en as training_title_en',
      't.validity_months',
      'u.first_name',
      'u.last_name',
      'u.username',
    ])
    .where('a.id', '=', attemptId)
    .executeTakeFirst();
}

export async function cardOfAttempt(trx: Executor, attemptId: string) {
  return trx
    .selectFrom('cards')
    .select(['card_number', 'state'])
    .where('attempt_id', '=', attemptId)
    .executeTakeFirst();
}

export async function cardNumberTaken(trx: Executor, cardNumber: string) {
  const row = await trx.selectFrom('cards').select('id').where('card_number', '=', cardNumber).executeTakeFirst();
  return !!row;
}

export async function insertCard(trx: Executor, row: Insertable<CardsTable>) {
  await trx.insertInto('cards').values(row).execute();
}

export async function awaitingCardsOf(trx: Executor, userId: string) {
  return trx
    .selectFrom('cards')
    .select(['id', 'card_number', 'service_point_id', 'attempt_id'])
    .where('user_id', '=', userId)
    .where('state', '=', 'awaiting_photo')
    .where('revoked_at', 'is', null)
    .orderBy('success_date')
    .execute();
}

export async function markIssued(trx: Executor, id: string, photoId: string, at: string) {
  const r = await trx
    .updateTable('cards')
    .set({ state: 'issued', photo_id: photoId, issued_at: at })
    .where('id', '=', id)
    .where('state', '=', 'awaiting_photo')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Cards with what every screen shows about them. */
function cardViews(db: Executor) {
  return db
    .selectFrom('cards as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .leftJoin('service_points as sp', 'sp.id', 'c.service_point_id')
    .select([
      'c.id',
      'c.card_number',
      'c.state',
      'c.user_id',
      'u.user_code',
      'c.holder_name',
      'c.training_id',
      'c.training_code',
      'c.training_title',
      'c.training_title_en',
      'c.service_point_id',
      'sp.name as service_point_name',
      'sp.time_zone',
      'c.success_date',
      'c.expires_on',
      'c.issued_at',
      'c.reprint_count',
      'c.printed_at',
      'c.revoked_at',
      'c.revoked_reason',
      'c.download_count',
      'c.verify_count',
      'c.photo_id',
    ]);
}
export type CardRow = NonNullable<Awaited<ReturnType<typeof cardByNumber>>>;

export async function cardByNumber(db: Executor, cardNumber: string) {
  return cardViews(db).where('c.card_number', '=', cardNumber).executeTakeFirst();
}

export async function cardsOfUser(db: Executor, userId: string) {
  return cardViews(db).where('c.user_id', '=', userId).orderBy('c.success_date', 'desc').execute();
}

export async function cardsByNumbers(db: Executor, cardNumbers: string[]) {
  if (cardNumbers.length === 0) return [];
  return cardViews(db).where('c.card_number', 'in', cardNumbers).execute();
}

export async function listCards(db: Executor, filter: AdminCardFilter, search: string | null, limit: number) {
  let q = cardViews(db);
  switch (filter) {
    case 'to_print':
      q = q.where('c.state', '=', 'issued').where('c.printed_at', 'is', null).where('c.revoked_at', 'is', null);
      break;
    case 'awaiting_photo':
      q = q.where('c.state', '=', 'awaiting_photo').where('c.revoked_at', 'is', null);
      break;
    case 'printed':
      q = q.where('c.printed_at', 'is not', null).where('c.revoked_at', 'is', null);
      break;
    case 'revoked':
      q = q.where('c.revoked_at', 'is not', null);
      break;
    case 'all':
      break;
  }
  if (search) {
    const like = `%${search.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(c.holder_name)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(c.card_number)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(c.training_title)`, 'like', sql`${like} escape '\\'`),
      ]),
    );
  }
  return q.orderBy('c.issued_at', 'asc').orderBy('c.card_number').limit(limit).execute();
}

/** Which of these learners have a saved photo now (a card is printable only with one). */
export async function learnersWithSavedPhoto(db: Executor, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  // Reads the photos table directly until the photos module (issue #4) exports a batch check.
  const rows = await db
    .selectFrom('photos')
    .select('user_id')
    .where('user_id', 'in', [...new Set(userIds)])
    .where('state', '=', 'saved')
    .where('cropped_enc', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function countDownload(db: Executor, id: string) {
  await db
    .updateTable('cards')
    .set((eb) => ({ download_count: eb('download_count', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function countVerification(db: Executor, id: string) {
  await db
    .updateTable('cards')
    .set((eb) => ({ verify_count: eb('verify_count', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Marks printed the cards of the list still waiting to be printed; returns the numbers it changed. */
export async function markPrinted(trx: Executor, cardNumbers: string[], at: string): Promise<string[]> {
  if (cardNumbers.length === 0) return [];
  const rows = await trx
    .updateTable('cards')
    .set({ printed_at: at })
    .where('card_number', 'in', cardNumbers)
    .where('state', '=', 'issued')
    .where('printed_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('card_number')
    .execute();
  return rows.map((r) => r.card_number);
}

/** A lost card: same number, one more reprint, back in the print queue. Null when revoked or not issued. */
export async function reissue(trx: Executor, cardNumber: string) {
  return trx
    .updateTable('cards')
    .set((eb) => ({ reprint_count: eb('reprint_count', '+', 1), printed_at: null }))
    .where('card_number', '=', cardNumber)
    .where('state', '=', 'issued')
    .where('revoked_at', 'is', null)
    .returning(['reprint_count', 'user_id', 'service_point_id'])
    .executeTakeFirst();
}

export async function revoke(trx: Executor, cardNumber: string, by: string, reason: string, at: string) {
  return trx
    .updateTable('cards')
    .set({ revoked_at: at, revoked_by: by, revoked_reason: reason })
    .where('card_number', '=', cardNumber)
    .where('revoked_at', 'is', null)
    .returning(['user_id', 'service_point_id'])
    .executeTakeFirst();
}
