import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildSearchQuery } from '../../src/domain/searchQuery.js';
import { SqliteSearchClient } from '../../src/search/sqliteSearchClient.js';
import { openDatabase, schemaVersion } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { tempDirectory } from '../support/tempDirectory.js';

/** A catalogue written before the analysis pipeline (schema 5, FTS5's own porter tokenizer) is rebuilt on open. */
describe('upgrading an existing database to the analysed full-text index', () => {
  it('rebuilds course_text and the vocabulary from the courses, and searches with the new analysis', () => {
    const file = path.join(tempDirectory(), 'catalog.db');
    const old = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 5)) old.exec(sql as string);
    old.pragma('user_version = 5');
    old.prepare(`INSERT INTO teachers (id, name) VALUES (1, 'Priya Sharma')`).run();
    const insert = old.prepare(
      `INSERT INTO courses (id, title, description, teacher_id, category, price_paise, start_date, end_date, seats, status, created_at, updated_at)
       VALUES (?, ?, ?, 1, 'programming', 99900, '2027-01-10', '2027-01-20', 20, 'published', 0, 0)`,
    );
    insert.run('crs_cpp', 'Modern C++ in Practice', 'Templates and the STL.');
    insert.run('crs_csharp', 'C# for Beginners', 'Classes and LINQ.');
    insert.run('crs_python', 'Python Basics™', 'Loops, functions and files.');
    insert.run('crs_mysql', 'MySQL for Analysts', 'Queries that answer questions.');
    // Before: the old tokenizer drops "++" and "#", so C++ and C# are both just "c".
    const before = old.prepare(`SELECT count(*) AS n FROM course_text WHERE course_text MATCH 'c'`).get() as { n: number };
    expect(before.n).toBe(2);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const client = new SqliteSearchClient(db);
    const ids = (text: string) =>
      client
        .searchNow(buildSearchQuery({ text, all: true }, { now: Date.parse('2026-11-25T06:30:00Z'), timeZone: 'Asia/Kolkata' }))
        .results.map((r) => r.id);
    expect(ids('c++')).toEqual(['crs_cpp']);
    expect(ids('C#')).toEqual(['crs_csharp']);
    expect(ids('pyhton basics™')).toEqual(['crs_python']);
    expect(ids('sql')).toEqual(['crs_mysql']);
    const vocabulary = db
      .prepare<[], { term: string }>('SELECT term FROM course_terms')
      .all()
      .map((row) => row.term);
    expect(vocabulary).toEqual(expect.arrayContaining(['c++', 'c#', 'python', 'mysql', 'sql']));
    // Writes after the upgrade go through the new triggers.
    db.prepare(`UPDATE courses SET title = 'Advanced C++' WHERE id = 'crs_cpp'`).run();
    expect(ids('advanced')).toEqual(['crs_cpp']);
    expect(ids('modern')).toEqual([]);
    db.prepare(`DELETE FROM courses WHERE id = 'crs_csharp'`).run();
    expect(ids('c#')).toEqual([]);
    db.close();
  });
});
