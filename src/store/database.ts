import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { CatalogError, ExitCode } from '../errors.js';
import {
  DatabaseAccessError,
  DatabaseFullError,
  DatabaseReadOnlyError,
  databaseErrorFrom,
  notACatalogue,
  NotADatabaseError,
} from './databaseErrors.js';
import { describeFile } from './fileKind.js';
import { MIGRATIONS } from './migrations.js';
import { defineTextFunctions } from './textAnalysisFunctions.js';

export type CatalogDatabase = Database.Database;

/** How long a writer waits for another process's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  /** Create the file (and its folder) when missing; otherwise a missing file is an error. Default: true. */
  create?: boolean;
  /**
   * For commands that only read: the file is opened read-only and nothing is written or created
   * beside it, so a user who may only read the catalogue can still search and export it.
   */
  readonly?: boolean;
  /** Make a catalogue of an existing empty file or empty SQLite database (`catalog init` only). */
  adoptEmpty?: boolean;
}

/**
 * Makes every failure of the connection that is an ordinary condition (busy, full, read-only,
 * damaged, not a database) come out as one of the store's DatabaseErrors, with a message and a
 * hint; other errors (constraints…) pass through untouched for the code to handle. Statements,
 * transactions, exec and pragma are all covered, so no caller has to translate anything.
 */
function translatingErrors(db: CatalogDatabase, file: string): CatalogDatabase {
  const translate = (error: unknown) => databaseErrorFrom(error, file, BUSY_TIMEOUT_MS) ?? error;
  const { prepare, exec, pragma, transaction } = db;
  db.prepare = function (this: CatalogDatabase, source: string) {
    let statement: Database.Statement;
    try {
      statement = prepare.call(this, source);
    } catch (error) {
      throw translate(error);
    }
    return translatingStatement(statement, translate);
  } as CatalogDatabase['prepare'];
  db.exec = function (this: CatalogDatabase, source: string) {
    try {
      return exec.call(this, source);
    } catch (error) {
      throw translate(error);
    }
  };
  db.pragma = function (this: CatalogDatabase, source: string, options?: Database.PragmaOptions) {
    try {
      return pragma.call(this, source, options);
    } catch (error) {
      throw translate(error);
    }
  };
  db.transaction = function (this: CatalogDatabase, fn: (...args: unknown[]) => unknown) {
    const made = transaction.call(this, fn);
    const variant = (run: (...args: unknown[]) => unknown) =>
      function (this: unknown, ...args: unknown[]) {
        try {
          return run.apply(this, args);
        } catch (error) {
          throw translate(error);
        }
      };
    const translated = variant(made);
    return Object.assign(translated, {
      default: translated,
      deferred: variant(made.deferred),
      immediate: variant(made.immediate),
      exclusive: variant(made.exclusive),
      database: this,
    });
  } as CatalogDatabase['transaction'];
  return db;
}

/** The statement with its run/get/all/iterate translating errors; everything else is the statement's own. */
function translatingStatement(statement: Database.Statement, translate: (error: unknown) => unknown): Database.Statement {
  const { run, get, all, iterate } = statement;
  // `arguments` rather than rest parameters: no array is made on each call of a hot statement.
  statement.run = function (this: Database.Statement) {
    try {
      // biome-ignore lint/complexity/noArguments: see above
      return run.apply(this, arguments as unknown as unknown[]);
    } catch (error) {
      throw translate(error);
    }
  };
  statement.get = function (this: Database.Statement) {
    try {
      // biome-ignore lint/complexity/noArguments: see above
      return get.apply(this, arguments as unknown as unknown[]);
    } catch (error) {
      throw translate(error);
    }
  };
  statement.all = function (this: Database.Statement) {
    try {
      // biome-ignore lint/complexity/noArguments: see above
      return all.apply(this, arguments as unknown as unknown[]);
    } catch (error) {
      throw translate(error);
    }
  };
  statement.iterate = function (this: Database.Statement) {
    let rows: IterableIterator<unknown>;
    try {
      // biome-ignore lint/complexity/noArguments: see above
      rows = iterate.apply(this, arguments as unknown as unknown[]);
    } catch (error) {
      throw translate(error);
    }
    const translated: IterableIterator<unknown> = {
      next: () => {
        try {
          return rows.next();
        } catch (error) {
          throw translate(error);
        }
      },
      return: (value?: unknown) => rows.return?.(value) ?? { done: true, value },
      [Symbol.iterator]: () => translated,
    };
    return translated;
  } as Database.Statement['iterate'];
  return statement;
}

function connect(file: string, location: string, options: Database.Options): CatalogDatabase {
  // better-sqlite3 reads URI file names (used for ?immutable=1) only if this is set when its
  // addon loads, which is on the first connection.
  process.env.SQLITE_USE_URI = '1';
  let db: CatalogDatabase;
  try {
    db = new Database(location, { ...options, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw databaseErrorFrom(error, file, BUSY_TIMEOUT_MS) ?? error;
  }
  return translatingErrors(db, file);
}

/** What the access(2) check says: root may write anything that is not on a read-only mount. */
function mayWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function sizeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).size;
  } catch {
    return undefined;
  }
}

export function openDatabase(file: string, options: OpenOptions = {}): CatalogDatabase {
  if (file === ':memory:') return prepareForWriting(connect(file, file, {}));
  const exists = fs.existsSync(file);
  if (!exists && (options.readonly || !(options.create ?? true))) {
    throw new CatalogError(
      `no catalogue database at ${file}`,
      ExitCode.failure,
      'run `catalog init` here first, or point --db / CATALOG_DATABASE at your database',
    );
  }
  if (exists && fs.statSync(file).isDirectory()) {
    throw notACatalogue(file, 'a folder', { hint: `point --db at the database file, e.g. ${path.join(file, 'catalog.db')}` });
  }
  if (options.readonly) return openForReading(file);
  return exists ? openExistingForWriting(file, options.adoptEmpty ?? false) : createCatalogue(file);
}

function createCatalogue(file: string): CatalogDatabase {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new DatabaseAccessError(
      `cannot create the catalogue database ${file}: ${(error as Error).message}`,
      'choose a folder this user may write, with --db or CATALOG_DATABASE',
      'database_access',
      'SQLITE_CANTOPEN',
      error,
    );
  }
  return prepareForWriting(connect(file, file, {}));
}

function openExistingForWriting(file: string, adoptEmpty: boolean): CatalogDatabase {
  // Checked before SQLite opens anything: it would otherwise create -wal and -shm files as this
  // user (or fail half-way), and only then find it may not write.
  if (!mayWrite(file) || !mayWrite(path.dirname(file))) {
    throw new DatabaseReadOnlyError(
      `the catalogue database ${file} is read-only for this user`,
      `reading commands (search, course list, export) still work; to change the catalogue, run as a user who may write ${path.basename(file)} and its folder (SQLite keeps -wal and -shm files beside it)`,
      'database_read_only',
      'SQLITE_READONLY',
    );
  }
  const db = connect(file, file, { fileMustExist: true });
  try {
    assertCatalogue(db, file, adoptEmpty);
    return prepareForWriting(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

function prepareForWriting(db: CatalogDatabase): CatalogDatabase {
  // WAL lets searches read while a sync or an import writes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  tune(db);
  migrate(db);
  return db;
}

/**
 * Reading never writes the catalogue and never leaves a file behind that its owner could trip
 * over. A user who may write it opens it as any writer would (SQLite then tidies its -wal and
 * -shm files away on close, with the database's owner and mode), with query_only set so the
 * command cannot change anything. A user who may not opens it read-only; finding no -shm beside
 * it (no other process has it open), SQLite is told the file is immutable, so it takes no locks
 * and creates no -shm, which would be left behind owned by the reader, or cannot be made in a
 * read-only folder. With an -shm there, a writer has it open: SQLite reads its log through that
 * -shm, read-only, and sees every committed change.
 */
function openForReading(file: string): CatalogDatabase {
  if (mayWrite(file) && mayWrite(path.dirname(file))) {
    try {
      const db = openExistingForWriting(file, false);
      db.pragma('query_only = ON');
      return db;
    } catch (error) {
      // On a full disk the -shm index cannot grow, and no writer can commit anything meanwhile:
      // when the log holds nothing, the file alone is the catalogue, and it can still be read.
      if (!(error instanceof DatabaseFullError) || (sizeOf(`${file}-wal`) ?? 0) > 0) throw error;
      return openReadOnly(file, { immutable: true });
    }
  }
  const hasShm = fs.existsSync(`${file}-shm`);
  if (!hasShm && (sizeOf(`${file}-wal`) ?? 0) > 0) {
    throw new DatabaseAccessError(
      `cannot read the catalogue database ${file}: changes not yet folded into it wait in ${path.basename(file)}-wal, and this user may not create the ${path.basename(file)}-shm file SQLite needs beside it`,
      `run any catalog command once as a user who may write ${path.basename(file)} and its folder (it folds the changes in), then read again`,
      'database_access',
      'SQLITE_CANTOPEN',
    );
  }
  return openReadOnly(file, { immutable: !hasShm });
}

function openReadOnly(file: string, options: { immutable: boolean }): CatalogDatabase {
  const location = options.immutable ? `${pathToFileURL(file).href}?immutable=1` : file;
  const db = connect(file, location, { readonly: true, fileMustExist: true });
  try {
    const version = assertCatalogue(db, file, false);
    if (version < MIGRATIONS.length) {
      throw new CatalogError(
        `the catalogue database ${file} has an older schema (${version}) than this catalog (${MIGRATIONS.length}), and this user may not upgrade it`,
        ExitCode.failure,
        `run \`catalog init\` once as a user who may write ${path.basename(file)} and its folder`,
      );
    }
    if (version > MIGRATIONS.length) throw newerSchema(version);
    tune(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function tune(db: CatalogDatabase): void {
  db.pragma('foreign_keys = ON');
  // Before migrating: the full-text triggers and a migration call these.
  defineTextFunctions(db);
  // A 64 MiB page cache (a ceiling, not an allocation): bulk writes such as seed and import
  // touch random pages of several indexes and the full-text index; with the 2 MiB default
  // they spill and re-read constantly.
  db.pragma('cache_size = -65536');
  // Memory-mapped reads: a fresh CLI process starts with an empty page cache, and a search
  // touching thousands of pages through read() calls costs far more (bench/results/search.md).
  db.pragma('mmap_size = 268435456');
}

/**
 * Refuses a file that is not a catalogue, saying what it is, before anything is written to it.
 * Only an empty file or an empty SQLite database may become one, and only when `adoptEmpty`.
 * Returns the schema version.
 */
function assertCatalogue(db: CatalogDatabase, file: string, adoptEmpty: boolean): number {
  let version: number;
  try {
    version = schemaVersion(db);
  } catch (error) {
    if (error instanceof NotADatabaseError)
      throw notACatalogue(file, describeFile(file), { sqliteCode: error.sqliteCode, cause: error.cause });
    throw error;
  }
  if (version > 0) return version;
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name").pluck().all() as string[];
  if (tables.length) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? `, and ${tables.length - 5} more` : '');
    throw notACatalogue(file, `an SQLite database of another application (tables: ${shown})`);
  }
  if (!adoptEmpty) {
    const what = sizeOf(file) === 0 ? 'an empty file (0 bytes)' : 'an empty SQLite database';
    throw notACatalogue(file, what, {
      hint: 'run `catalog init` (with the same --db) to make a catalogue of it, or point --db / CATALOG_DATABASE at your catalogue',
    });
  }
  return version;
}

export function schemaVersion(db: CatalogDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function newerSchema(version: number): CatalogError {
  return new CatalogError(
    `this database was written by a newer catalog (schema ${version}, this one knows ${MIGRATIONS.length})`,
    ExitCode.failure,
    'upgrade catalog',
  );
}

export function migrate(db: CatalogDatabase): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) throw newerSchema(current);
  for (let version = current; version < MIGRATIONS.length; version++) {
    const step = MIGRATIONS[version]!;
    // SQLite's way of rebuilding a table others refer to: foreign keys off (the pragma does
    // nothing inside a transaction), every reference checked before the commit.
    const unchecked = typeof step !== 'string';
    if (unchecked) db.pragma('foreign_keys = OFF');
    try {
      // IMMEDIATE takes the write lock up front, so two processes never migrate at once.
      db.transaction(() => {
        if (schemaVersion(db) !== version) return;
        if (typeof step === 'string') db.exec(step);
        else {
          step.withoutForeignKeys(db);
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`migration ${version + 1} would leave ${broken.length} broken references`);
        }
        db.pragma(`user_version = ${version + 1}`);
      }).immediate();
    } finally {
      if (unchecked) db.pragma('foreign_keys = ON');
    }
  }
}
