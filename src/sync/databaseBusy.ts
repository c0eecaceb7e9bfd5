/**
 * Another process held the database's write lock past SQLite's busy timeout (a long import, a
 * seed): an ordinary condition that passes, never a reason for a worker to stop. Recognises
 * better-sqlite3's own error (SQLITE_BUSY and its extended codes) and any error that carries one
 * as its cause.
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
