import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCatalog } from '../support/cliRunner.js';
import { tempDirectory } from '../support/tempDirectory.js';

const env = { CATALOG_NOW: '2026-11-25T06:30:00Z' };
const courseFlags = [
  ...['--title', 'Sourdough at Home', '--description', 'Starter and baking.', '--teacher', 'Meera Iyer', '--category', 'baking'],
  ...['--price', '799', '--start', '2027-10-04', '--end', '2027-10-08', '--seats', '12'],
];

/** Runs `args` against `--db file` and checks it refused, saying what the file is, and left it as it was. */
function expectRefused(cwd: string, file: string, args: string[], saying: string) {
  const target = path.join(cwd, file);
  const before = fs.statSync(target, { throwIfNoEntry: false })?.isFile() ? fs.readFileSync(target) : null;
  const result = runCatalog(['--db', file, ...args], { cwd, env });
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toContain(`${path.join(cwd, file)} is not a catalogue database: it is ${saying}`);
  expect(result.stderr).toContain('hint:');
  expect(result.stderr).not.toContain('internal error');
  if (before) expect(fs.readFileSync(path.join(cwd, file))).toEqual(before);
  expect(fs.readdirSync(cwd).filter((name) => /-(wal|shm|journal)$/.test(name))).toEqual([]);
  return result;
}

describe('--db pointing at something that is not a catalogue (issue 10, item 7)', () => {
  it('a text file is named as such, for reads and writes, and stays untouched', () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, 'notes.txt'), 'Remember to bake.\nAnd to buy flour.\n');
    for (const args of [['course', 'list'], ['search', 'bake'], ['export'], ['course', 'add', ...courseFlags], ['init']])
      expectRefused(cwd, 'notes.txt', args, 'a text file');
  });

  it('a CSV or JSON file is named, and the hint offers to import it', () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, 'courses.csv'), 'title,description,teacher\nBread,Bake it,Meera Iyer\n');
    fs.writeFileSync(path.join(cwd, 'courses.json'), '[{"title": "Bread"}]\n');
    expect(expectRefused(cwd, 'courses.csv', ['course', 'list'], 'a CSV file').stderr).toContain('catalog import');
    expect(expectRefused(cwd, 'courses.json', ['course', 'list'], 'a JSON file').stderr).toContain('catalog import');
  });

  it('binary files, folders and other applications’ SQLite databases are named', () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, 'photo.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expectRefused(cwd, 'photo.bin', ['course', 'list'], 'a binary file of another kind');
    fs.mkdirSync(path.join(cwd, 'data'));
    expectRefused(cwd, 'data', ['course', 'list'], 'a folder');
    const other = new Database(path.join(cwd, 'notes.db'));
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    other.close();
    for (const args of [['course', 'list'], ['course', 'add', ...courseFlags], ['init']])
      expectRefused(cwd, 'notes.db', args, 'an SQLite database of another application (tables: notes)');
  });

  it('an empty file is refused by reads and writes; only init makes a catalogue of it', () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, 'empty.db'), '');
    for (const args of [['course', 'list'], ['search'], ['course', 'add', ...courseFlags]]) {
      expect(expectRefused(cwd, 'empty.db', args, 'an empty file (0 bytes)').stderr).toContain('catalog init');
      expect(fs.statSync(path.join(cwd, 'empty.db')).size).toBe(0);
    }
    const json = runCatalog(['--db', 'empty.db', 'course', 'list', '--json'], { cwd, env });
    expect(JSON.parse(json.stderr).error.code).toBe('not_a_database');

    expect(runCatalog(['--db', 'empty.db', 'init'], { cwd, env }).code).toBe(0);
    expect(runCatalog(['--db', 'empty.db', 'course', 'add', ...courseFlags], { cwd, env }).code).toBe(0);
    expect(runCatalog(['--db', 'empty.db', 'course', 'list'], { cwd, env }).code).toBe(0);
  });

  it('a write into a missing file still creates the catalogue (and its folder)', () => {
    const cwd = tempDirectory();
    expect(runCatalog(['--db', 'new/catalog.db', 'course', 'add', ...courseFlags], { cwd, env }).code).toBe(0);
    expect(fs.statSync(path.join(cwd, 'new', 'catalog.db')).size).toBeGreaterThan(0);
  });
});
