/**
 * What the database's failures mean for a caller. A request that meets one of these is answered 503 with
 * the reason and a Retry-After (http/errors.ts), never a generic 500: the database, not the request, is at
 * fault, and the same request will succeed once it is back.
 */
export type DatabaseTrouble =
  /** The database cannot be reached, or the connection was lost mid-request. */
  | 'database_unavailable'
  /** Another writer holds the lock, every connection is taken, or a statement ran past its timeout. */
  | 'database_busy'
  /** The disk refused a write. */
  | 'storage_full';

/** Thrown by the database layer itself (pool wait, lock wait, self-wait guard is not one of these). */
export class DatabaseUnavailable extends Error {
  constructor(
    readonly trouble: DatabaseTrouble,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseUnavailable';
  }
}

const pgConnectionMessages = [
  'Connection terminated',
  'connection terminated',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
];

/**
 * The trouble an error from SQLite, PostgreSQL or the file system stands for; null for an error that is
 * the request's or the code's own (a constraint, a syntax error…), which stays what it is.
 */
export function databaseTrouble(err: unknown): DatabaseTrouble | null {
  if (err instanceof DatabaseUnavailable) return err.trouble;
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  // SQLite (better-sqlite3 puts the extended result code in `code`) and the file system.
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_IOERR_FULL')
    return 'storage_full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'database_busy';
  if (
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'EIO' ||
    code === 'EROFS'
  )
    return 'database_unavailable';
  // PostgreSQL SQLSTATEs: 53100 disk full; 57014 statement timeout or cancel; 55P03 lock timeout;
  // 53300 too many connections; 40P01 deadlock, 40001 serialization failure (the transaction was rolled back
  // for its timing, not its content: the same request goes through again); 08… connection exceptions;
  // 57P01–57P03 server shut down or starting.
  // 08P01 (protocol violation) that leaves the session open is the statement's own (over 65,535 parameters).
  if (code === '08P01' && (e as { severity?: unknown }).severity !== 'FATAL') return null;
  if (code === '53100') return 'storage_full';
  if (code === '57014' || code === '55P03' || code === '53300' || code === '53200' || isConflict(code))
    return 'database_busy';
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '3D000')
    return 'database_unavailable';
  // A FATAL error ends the session: the server refused or dropped the connection (« not currently accepting
  // connections », authentication…), never a fault of the request.
  if ((e as { severity?: unknown }).severity === 'FATAL') return 'database_unavailable';
  // Node's network errors and pg's own messages for a connection it lost or could not get.
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code))
    return 'database_unavailable';
  if (message === 'timeout exceeded when trying to connect') return 'database_busy';
  if (message === 'Query read timeout') return 'database_busy';
  if (pgConnectionMessages.some((m) => message.startsWith(m))) return 'database_unavailable';
  if (e.cause && e.cause !== err) return databaseTrouble(e.cause);
  return null;
}

/** PostgreSQL rolled the transaction back for colliding with another: deadlock, serialization failure. */
function isConflict(code: string): boolean {
  return code === '40P01' || code === '40001';
}

/** Whether `err` (or its cause) is a transaction rolled back by a collision, which may be run again whole. */
export function isTransactionConflict(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && isConflict(code)) return true;
    e = cause;
  }
  return false;
}

/** Seconds a client should wait before trying again, per trouble. */
export const retryAfterSeconds: Record<DatabaseTrouble, number> = {
  database_unavailable: 5,
  database_busy: 2,
  storage_full: 30,
};
