import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CatalogError, ExitCode } from '../errors.js';
import { MIGRATIONS } from './migrations.js';
import { defineTextFunctions } from './textAnalysisFunctions.js';

export type CatalogDatabase = Database.Database;

/** How long a writer waits for another process's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  /** Create the file (and its folder) when missing; otherwise a missing file is an error. */
  create?: boolean;
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): CatalogDatabase {
  const create = options.create ?? true;
  if (file !== ':memory:' && !fs.existsSync(file)) {
    if (!create) {
      throw new CatalogError(
        `no catalogue database at ${file}`,
        ExitCode.failure,
        'run `catalog init` here first, or point --db / CATALOG_DATABASE at your database',
      );
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  let db: CatalogDatabase;
  try {
    db = new Database(file, { readonly: options.readonly ?? false });
  } catch (error) {
    throw new CatalogError(
      `cannot open the database ${file}: ${(error as Error).message}`,
      ExitCode.failure,
      'check the path and its permissions',
    );
  }
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!options.readonly) {
    // WAL lets searches read while a sync or an import writes.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  // Before migrating: the full-text triggers and a migration call these.
  defineTextFunctions(db);
  // A 64 MiB page cache (a ceiling, not an allocation): bulk writes such as seed and import
  // touch random pages of several indexes and the full-text index; with the 2 MiB default
  // they spill and re-read constantly.
  db.pragma('cache_size = -65536');
  // Memory-mapped reads: a fresh CLI process starts with an empty page cache, and a search
  // touching thousands of pages through read() calls took three times as long.
  db.pragma('mmap_size = 268435456');
  if (!options.readonly) migrate(db);
  else assertCurrentSchema(db);
  return db;
}

export function schemaVersion(db: CatalogDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: CatalogDatabase): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    throw new CatalogError(
      `this database was written by a newer catalog (schema ${current}, this one knows ${MIGRATIONS.length})`,
      ExitCode.failure,
      'upgrade catalog',
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    // IMMEDIATE takes the write lock up front, so two processes never migrate at once.
    db.transaction(() => {
      if (schemaVersion(db) !== version) return;
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

function assertCurrentSchema(db: CatalogDatabase): void {
  if (schemaVersion(db) < MIGRATIONS.length) {
    throw new CatalogError(
      'the database schema is older than this catalog',
      ExitCode.failure,
      'run any writing command (e.g. `catalog init`) once to upgrade it',
    );
  }
}
