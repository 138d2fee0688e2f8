import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactionBuilder, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';

/**
 * No query may wait on itself.
 *
 * SQLite has one connection. A transaction holds it from BEGIN to COMMIT; a query made meanwhile on the root
 * handle (`ctx.db` instead of `trx`) from inside that transaction's own code waits for the connection the
 * transaction will only give back once that query has answered: the server hangs for good, silently (seen:
 * an ending that read the exam version through `ctx.db` with an empty cache, after a restart). On
 * PostgreSQL the same mistake takes a second pool connection, reads outside the transaction's snapshot,
 * and deadlocks once the pool is exhausted.
 *
 * Each transaction's callback runs with a marker in async-local storage; a driver wrapped by
 * `guardDriver` refuses at once, with an error that says where to look, to hand its connection to code
 * running inside one of its own transactions. A task the transaction started that queries after it ended
 * (the marker is switched off at release) is not refused; one that queries while it is still open is,
 * even detached: side effects belong after the commit (ARCHITECTURE.md, « Events after commit »).
 */
interface Marker {
  driver: Driver | null;
  open: boolean;
}

const current = new AsyncLocalStorage<Marker>();

export class SelfWaitError extends Error {
  constructor() {
    super(
      'A query on the root database handle was made inside a transaction of the same database: it would wait ' +
        'for the connection that transaction holds. Pass the transaction (trx) down to that read instead.',
    );
    this.name = 'SelfWaitError';
  }
}

// Every transaction's callback (TransactionBuilder.execute is how every transaction in Vigie begins) runs
// with its own marker. The driver fills it in at BEGIN, once the connection is the transaction's.
const execute = TransactionBuilder.prototype.execute;
if (!(execute as { guarded?: boolean }).guarded) {
  const guarded = function <DB, T>(this: TransactionBuilder<DB>, callback: Parameters<typeof execute<T>>[0]) {
    return current.run({ driver: null, open: false }, () => execute.call(this, callback) as Promise<T>);
  };
  (guarded as { guarded?: boolean }).guarded = true;
  TransactionBuilder.prototype.execute = guarded as typeof execute;
}

/** `inner`, refusing (SelfWaitError) a connection asked for from inside one of its own transactions. */
export function guardDriver(inner: Driver): Driver {
  const driver: Driver = {
    init: () => inner.init(),
    async acquireConnection() {
      const marker = current.getStore();
      if (marker?.open && marker.driver === driver) throw new SelfWaitError();
      return inner.acquireConnection();
    },
    async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
      await inner.beginTransaction(connection, settings);
      const marker = current.getStore();
      if (marker) {
        marker.driver = driver;
        marker.open = true;
      }
    },
    commitTransaction: (connection) => inner.commitTransaction(connection),
    rollbackTransaction: (connection) => inner.rollbackTransaction(connection),
    savepoint: inner.savepoint?.bind(inner),
    rollbackToSavepoint: inner.rollbackToSavepoint?.bind(inner),
    releaseSavepoint: inner.releaseSavepoint?.bind(inner),
    async releaseConnection(connection) {
      const marker = current.getStore();
      if (marker?.driver === driver) marker.open = false;
      await inner.releaseConnection(connection);
    },
    destroy: () => inner.destroy(),
  };
  return driver;
}
