import type { ApplyOne, FailOne } from '../storeTypes.ts';
import type { SqliteConnection } from './sqliteConnection.ts';
import type { SqliteStepTx } from './sqliteTx.ts';

const unique = (ids: string[]) => [...new Set(ids)];

/**
 * How SQLite applies a batch of events or wakeups inside the caller's transaction. First all in one savepoint,
 * which is what nearly every batch needs; if one fails, that savepoint is rolled back and the batch applied
 * again with a savepoint per item, so the failing one is undone alone and reported while the others apply. Applying has no effect outside
 * the transaction that matters (a wakeup time announced twice, a machine cached), so running it again is safe.
 * Two statements per batch instead of two per item. The users and runs the items will look up are read first,
 * inside the savepoint, in two statements (`SqliteStepTx.prefetch`).
 */
export async function applyEach<T>(
  c: SqliteConnection,
  tx: SqliteStepTx,
  items: T[],
  apply: ApplyOne<T>,
  failed: FailOne<T>,
  lookups: { userIds: string[]; runIds?: string[] },
): Promise<T[]> {
  const deferred = c.deferredWrites;
  const start = deferred.mark();
  try {
    c.run('SAVEPOINT items');
    try {
      tx.prefetch(unique(lookups.userIds), unique(lookups.runIds ?? []));
      for (const item of items) await apply(tx, item);
      c.run('RELEASE items');
      deferred.flushApplied();
      return items;
    } catch (error) {
      if (!c.db.inTransaction) throw error; // SQLite rolled everything back itself (see SqliteConnection.drain)
      c.run('ROLLBACK TO items');
      c.run('RELEASE items');
      deferred.rollbackTo(start);
      tx.clearPrefetch();
    }
    for (const item of items) {
      c.run('SAVEPOINT item');
      const mark = deferred.mark();
      try {
        await apply(tx, item);
        c.run('RELEASE item');
      } catch (error) {
        if (!c.db.inTransaction) throw error;
        c.run('ROLLBACK TO item');
        c.run('RELEASE item');
        deferred.rollbackTo(mark);
        await failed(tx, item, error);
      }
    }
    deferred.flushApplied();
    return items;
  } finally {
    tx.clearPrefetch();
  }
}
