import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from './schema.js';

/*
 * An attempt's progress, read from its answers (their primary key starts with the attempt), for the
 * attempts module's screens and the monitoring list alike. A save writes the answer's row and nothing else.
 */
type WithAttempt = ExpressionBuilder<Database & { a: Database['attempts'] }, 'a'>;

/**
 * The attempt `a`'s highest saved sequence number (0 before any answer), as `last_seq`: read from its
 * answers, on the answers' primary key (attempt, item).
 */
export function lastSeqOf(eb: WithAttempt) {
  return eb
    .selectFrom('answers as an')
    .select((e) => e.fn.coalesce(e.fn.max<number>('an.seq'), sql<number>`0`).as('s'))
    .whereRef('an.attempt_id', '=', 'a.id')
    .as('last_seq');
}

/** The attempt `a`'s last answer's time (null before any answer), as `last_answer_at`. */
export function lastAnswerAtOf(eb: WithAttempt) {
  return eb
    .selectFrom('answers as an')
    .select((e) => e.fn.max<string | null>('an.saved_at').as('t'))
    .whereRef('an.attempt_id', '=', 'a.id')
    .as('last_answer_at');
}
