import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogError } from '../../src/errors.js';
import {
  DatabaseCorruptError,
  DatabaseFullError,
  DatabaseReadOnlyError,
  databaseErrorFrom,
  isDatabaseBusy,
} from '../../src/store/databaseErrors.js';
import { openDatabase } from '../../src/store/database.js';
import { tempDirectory } from '../support/tempDirectory.js';

describe('the store turns SQLite conditions into errors a user can act on (issue 10, item 9)', () => {
  it('a full database is a DatabaseFullError, from a statement inside a transaction, and nothing is kept', () => {
    const file = path.join(tempDirectory(), 'catalog.db');
    const db = openDatabase(file);
    try {
      db.exec('CREATE TABLE filler (blob BLOB)');
      const pages = db.pragma('page_count', { simple: true }) as number;
      // SQLite's own page limit gives the same SQLITE_FULL a full disk does (the end-to-end
      // test fills a real file system); here it shows the statement and transaction paths.
      db.pragma(`max_page_count = ${pages + 4}`);
      const insert = db.prepare('INSERT INTO filler VALUES (zeroblob(4096))');
      const fill = db.transaction(() => {
        for (let i = 0; i < 100; i++) insert.run();
      });
      let thrown: unknown;
      try {
        fill();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DatabaseFullError);
      expect(thrown).toMatchObject({ code: 'disk_full', sqliteCode: 'SQLITE_FULL', exitCode: 1 });
      expect((thrown as CatalogError).hint).toContain('rolled back');
      expect(db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('a damaged file is a DatabaseCorruptError', () => {
    const file = path.join(tempDirectory(), 'catalog.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE notes (body TEXT); CREATE INDEX notes_body ON notes (body)');
    const insert = db.prepare('INSERT INTO notes VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`note ${i} ${'x'.repeat(50)}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Overwrite pages in the middle of the file (not the header) with garbage.
    const fd = fs.openSync(file, 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);
    const damaged = openDatabase(file, { readonly: true });
    try {
      expect(() => damaged.prepare('SELECT count(*) FROM notes WHERE body > ?').pluck().get('')).toThrow(DatabaseCorruptError);
    } finally {
      damaged.close();
    }
  });

  it('a connection opened for reading cannot write', () => {
    const file = path.join(tempDirectory(), 'catalog.db');
    openDatabase(file).close();
    const db = openDatabase(file, { readonly: true });
    try {
      expect(() => db.exec("UPDATE teachers SET name = 'x'")).toThrow(DatabaseReadOnlyError);
    } finally {
      db.close();
    }
  });

  it('leaves other errors (constraints, syntax) untouched for the code to handle', () => {
    const db = openDatabase(path.join(tempDirectory(), 'catalog.db'));
    try {
      db.exec('CREATE TABLE once (v TEXT UNIQUE)');
      db.prepare('INSERT INTO once VALUES (?)').run('a');
      expect(() => db.prepare('INSERT INTO once VALUES (?)').run('a')).toThrow(
        expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }),
      );
      expect(() => db.prepare('SELEC 1')).toThrow(expect.objectContaining({ code: 'SQLITE_ERROR' }));
    } finally {
      db.close();
    }
  });

  it('maps each condition by SQLite code, and tells busy apart for code that waits', () => {
    const sqlite = (code: string) => Object.assign(new Error(code), { code });
    expect(databaseErrorFrom(sqlite('SQLITE_BUSY_TIMEOUT'), '/x/catalog.db', 10_000)).toMatchObject({ code: 'database_busy' });
    expect(databaseErrorFrom(sqlite('SQLITE_IOERR_SHMSIZE'), '/x/catalog.db', 10_000)).toMatchObject({ code: 'disk_full' });
    expect(databaseErrorFrom(sqlite('SQLITE_READONLY_DIRECTORY'), '/x/catalog.db', 10_000)).toMatchObject({ code: 'database_read_only' });
    expect(databaseErrorFrom(sqlite('SQLITE_NOTADB'), '/x/catalog.db', 10_000)).toMatchObject({ code: 'not_a_database' });
    expect(databaseErrorFrom(sqlite('SQLITE_CONSTRAINT_CHECK'), '/x/catalog.db', 10_000)).toBeUndefined();
    expect(isDatabaseBusy(sqlite('SQLITE_BUSY'))).toBe(true);
    expect(isDatabaseBusy(databaseErrorFrom(sqlite('SQLITE_BUSY'), '/x/catalog.db', 10_000))).toBe(true);
    expect(isDatabaseBusy(sqlite('SQLITE_FULL'))).toBe(false);
  });
});
