import type { Transaction } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';

type Executor = Db | Transaction<Database>;

export interface AuditFilter {
  /** ISO instants: from (inclusive), to (exclusive). */
  from?: string;
  to?: string;
  actorIds?: string[];
  subjectIds?: string[];
  action?: string;
  servicePointId?: string;
  /** Keyset: entries older than this id (newest first). */
  before?: number;
  limit: number;
}

function base(db: Executor) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as actor', 'actor.id', 'a.actor_id')
    .leftJoin('users as subject', 'subject.id', 'a.subject_user_id')
    .leftJoin('service_points as sp', 'sp.id', 'a.service_point_id')
    .select([
      'a.id',
      'a.at',
      'a.action',
      'a.ip',
      'a.actor_id',
      'actor.first_name as actor_first_name',
      'actor.last_name as actor_last_name',
      'actor.user_code as actor_user_code',
      'a.subject_user_id',
      'subject.first_name as subject_first_name',
      'subject.last_name as subject_last_name',
      'subject.user_code as subject_user_code',
      'a.service_point_id',
      'sp.name as service_point_name',
    ]);
}

/** Newest first; each filter is an indexed column (0040), read in id order. */
export function listEntries(db: Executor, f: AuditFilter) {
  let q = base(db);
  if (f.from) q = q.where('a.at', '>=', f.from);
  if (f.to) q = q.where('a.at', '<', f.to);
  if (f.actorIds) q = q.where('a.actor_id', 'in', [...f.actorIds, '']);
  if (f.subjectIds) q = q.where('a.subject_user_id', 'in', [...f.subjectIds, '']);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.servicePointId) q = q.where('a.service_point_id', '=', f.servicePointId);
  if (f.before !== undefined) q = q.where('a.id', '<', f.before);
  return q.orderBy('a.id', 'desc').limit(f.limit).execute();
}

export function entry(db: Executor, id: number) {
  return base(db).select(['a.payload', 'a.prev_hash', 'a.hash']).where('a.id', '=', id).executeTakeFirst();
}

/** Accounts named by user name, e-mail or user code (stored form). */
export async function accountIds(db: Executor, login: string, userCode: string | null) {
  const l = login.trim().toLowerCase();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('username_lower', '=', l),
        eb('email_lower', '=', l),
        ...(userCode ? [eb('user_code', '=', userCode)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}
