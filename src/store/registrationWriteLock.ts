import { setTimeout as sleep } from 'node:timers/promises';
import { BUSY_TIMEOUT_MS } from './database.js';
import type { CatalogDatabase } from './database.js';
import { isDatabaseBusy } from './databaseErrors.js';
import { CatalogError, ExitCode } from '../errors.js';

/** How often, and for how long, one write had to wait for another process's write lock. */
export interface LockWaits {
  retries: number;
  waitedMs: number;
}

export interface WriteLockOptions {
  /** Give up (and tell the user) after waiting this long in total. */
  patienceMs?: number;
  /** Called after each failed attempt, before backing off (tests release their lock here). */
  onRetry?: (waits: LockWaits) => void;
}

const DEFAULT_PATIENCE_MS = 60_000;
const FIRST_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 100;

/**
 * Runs `work` in an IMMEDIATE transaction: the write lock is taken before the first read, so
 * what `work` checks (seats left, a payment reference) cannot change before it writes.
 *
 * SQLite's own busy timeout would wait silently; here the connection fails fast instead and we
 * back off with jitter in JavaScript, so every wait is counted (the registration benchmark
 * reports them) and the event loop is not blocked while another process commits.
 */
export async function inWriteTransaction<T>(
  db: CatalogDatabase,
  work: () => T,
  options: WriteLockOptions = {},
): Promise<{ value: T; waits: LockWaits }> {
  const patienceMs = options.patienceMs ?? DEFAULT_PATIENCE_MS;
  const waits: LockWaits = { retries: 0, waitedMs: 0 };
  const started = performance.now();
  const transaction = db.transaction(work);
  for (let attempt = 0; ; attempt++) {
    try {
      return { value: attemptFailingFast(db, transaction), waits };
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      if (performance.now() - started > patienceMs) {
        throw new CatalogError(
          `the catalogue database stayed busy for ${Math.round(patienceMs / 1000)} s`,
          ExitCode.failure,
          'another process is holding a long write (an import or a seed?); nothing was written, run the command again when it has finished',
        );
      }
      waits.retries++;
      options.onRetry?.(waits);
      const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
      waits.waitedMs = Math.round(performance.now() - started);
    }
  }
}

/** Only this attempt fails fast: anything else using the connection while we back off keeps the usual timeout. */
function attemptFailingFast<T>(db: CatalogDatabase, transaction: { immediate: () => T }): T {
  db.pragma('busy_timeout = 0');
  try {
    return transaction.immediate();
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}
