import path from 'node:path';
import { CatalogError, ExitCode } from '../errors.js';

/**
 * SQLite failures that are ordinary conditions, not bugs: another process holds the lock, the
 * disk is full, the file is read-only, damaged, or not a database at all. The store's
 * connection (database.ts) throws these instead of SQLite's own errors, so every command, the
 * web server and any service get the same message and hint without catching anything.
 * `sqliteCode` keeps SQLite's extended code (SQLITE_BUSY_TIMEOUT…), `cause` its error.
 */
export class DatabaseError extends CatalogError {
  constructor(
    message: string,
    hint: string,
    code: string,
    readonly sqliteCode: string,
    cause?: unknown,
  ) {
    super(message, ExitCode.failure, hint, { code, cause });
  }
}

/** Another connection holds the lock for longer than the busy timeout. Nothing was changed. */
export class DatabaseBusyError extends DatabaseError {}
/** The disk (or the file system's quota) has no room for the write. The change was rolled back. */
export class DatabaseFullError extends DatabaseError {}
/** This user (or this mount) may not write the database or the files SQLite keeps beside it. */
export class DatabaseReadOnlyError extends DatabaseError {}
/** The database, or the -wal/-shm files beside it, cannot be opened at all. */
export class DatabaseAccessError extends DatabaseError {}
/** The file's pages do not hold together. */
export class DatabaseCorruptError extends DatabaseError {}
/** The file is not a catalogue database: not SQLite, empty, or another application's. */
export class NotADatabaseError extends DatabaseError {}

/** The primary result code of a (possibly extended) SQLite code: SQLITE_BUSY_TIMEOUT → SQLITE_BUSY. */
function primaryCode(code: string): string {
  const match = /^SQLITE_[A-Z]+/.exec(code);
  return match ? match[0] : code;
}

function sqliteCodeOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || error instanceof CatalogError) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * The error a user can act on for a SQLite error on `file`, or undefined when the error is not
 * one of those conditions (a constraint, a syntax error: those are for the code to handle).
 */
export function databaseErrorFrom(error: unknown, file: string, busyTimeoutMs: number): DatabaseError | undefined {
  const code = sqliteCodeOf(error);
  if (!code) return undefined;
  const detail = (error as Error).message;
  const base = path.basename(file);
  const folder = path.dirname(file);
  // SQLite reports a full disk as SQLITE_FULL while writing pages, but as SQLITE_IOERR_SHMSIZE
  // when the -shm index beside the database cannot grow (seen on a full tmpfs): the same cause.
  switch (code === 'SQLITE_IOERR_SHMSIZE' ? 'SQLITE_FULL' : primaryCode(code)) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new DatabaseBusyError(
        `the catalogue database ${file} is busy: another process held its lock for more than ${Math.round(busyTimeoutMs / 1000)} s`,
        'nothing was changed; wait for the other process to finish (a long import, seed or reindex?) and run the command again',
        'database_busy',
        code,
        error,
      );
    case 'SQLITE_FULL':
      return new DatabaseFullError(
        `no room left for the catalogue database: the disk holding ${file} is full`,
        `nothing was written (the change was rolled back); free some space there (see \`df -h ${folder}\`) and run the command again`,
        'disk_full',
        code,
        error,
      );
    case 'SQLITE_READONLY':
      return new DatabaseReadOnlyError(
        `the catalogue database ${file} is read-only for this user`,
        `reading commands (search, course list, export) still work; to change the catalogue, run as a user who may write ${base} and its folder (SQLite keeps ${base}-wal and ${base}-shm beside it)`,
        'database_read_only',
        code,
        error,
      );
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return new DatabaseAccessError(
        `cannot open the catalogue database ${file} (${detail})`,
        `check that this user may read ${base} and its folder, and write them to change the catalogue (SQLite keeps ${base}-wal and ${base}-shm beside it)`,
        'database_access',
        code,
        error,
      );
    case 'SQLITE_CORRUPT':
      return new DatabaseCorruptError(
        `the catalogue database ${file} is damaged (${detail})`,
        `restore it from a backup or a \`catalog export\`; \`sqlite3 ${file} .recover\` may save what is left`,
        'database_corrupt',
        code,
        error,
      );
    case 'SQLITE_NOTADB':
      return notACatalogue(file, 'not an SQLite database', { sqliteCode: code, cause: error });
    case 'SQLITE_IOERR':
      return new DatabaseAccessError(
        `the disk failed to read or write the catalogue database ${file} (${detail})`,
        `nothing was changed; check the disk holding ${folder} (free space, \`dmesg\`) and run the command again`,
        'database_io',
        code,
        error,
      );
    default:
      return undefined;
  }
}

/** Refuses a file that is not a catalogue, saying what it is instead. */
export function notACatalogue(
  file: string,
  whatItIs: string,
  options: { hint?: string; sqliteCode?: string; cause?: unknown } = {},
): NotADatabaseError {
  const hint =
    options.hint ??
    (/(CSV|JSON) file/.test(whatItIs)
      ? `point --db (or CATALOG_DATABASE) at your catalogue; to load courses from this file, run \`catalog import ${file}\``
      : 'point --db (or CATALOG_DATABASE) at your catalogue, or run `catalog init` where you want a new one');
  return new NotADatabaseError(
    `${file} is not a catalogue database: it is ${whatItIs}`,
    hint,
    'not_a_database',
    options.sqliteCode ?? 'SQLITE_NOTADB',
    options.cause,
  );
}

/** Whether `error` is a busy database, as thrown by the store's connection or by SQLite itself. */
export function isDatabaseBusy(error: unknown): boolean {
  if (error instanceof DatabaseBusyError) return true;
  const code = sqliteCodeOf(error);
  return code !== undefined && (primaryCode(code) === 'SQLITE_BUSY' || primaryCode(code) === 'SQLITE_LOCKED');
}
