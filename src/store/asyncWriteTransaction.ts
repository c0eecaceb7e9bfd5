import type { CatalogDatabase } from './database.js';

/**
 * Holds the database's write lock across asynchronous work: BEGIN IMMEDIATE, the body, COMMIT.
 * For changes that must line up with something outside SQLite (a file placed or deleted in the
 * material store) so that no other process can act in between. `undo` runs, still under the
 * lock, when the body or the commit fails, before the rollback. The connection must not be used
 * by anything else meanwhile (a CLI process runs one command).
 */
export async function inAsyncWriteTransaction<T>(db: CatalogDatabase, body: () => Promise<T>, undo?: () => Promise<void>): Promise<T> {
  // Another writer holding the lock past the busy timeout: the store's DatabaseBusyError, with its hint.
  db.exec('BEGIN IMMEDIATE');
  try {
    const value = await body();
    db.exec('COMMIT');
    return value;
  } catch (error) {
    try {
      await undo?.();
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
    }
    throw error;
  }
}
