import { CatalogError, ExitCode } from '../errors.js';
import type { CatalogDatabase } from './database.js';

/**
 * Holds the database's write lock across asynchronous work: BEGIN IMMEDIATE, the body, COMMIT.
 * For changes that must line up with something outside SQLite (a file placed or deleted in the
 * material store) so that no other process can act in between. `undo` runs, still under the
 * lock, when the body or the commit fails, before the rollback. The connection must not be used
 * by anything else meanwhile (a CLI process runs one command).
 */
export async function inAsyncWriteTransaction<T>(db: CatalogDatabase, body: () => Promise<T>, undo?: () => Promise<void>): Promise<T> {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) {
      throw new CatalogError(
        'the catalogue database stayed busy',
        ExitCode.failure,
        'another process is holding a long write (an import or a seed?); nothing was written, run the command again when it has finished',
      );
    }
    throw error;
  }
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
