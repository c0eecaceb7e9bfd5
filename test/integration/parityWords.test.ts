import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { courseWords } from '../../src/search/elasticsearch/courseWords.js';

/**
 * The Elasticsearch index is fed words split in JavaScript; they must be the words SQLite's FTS5
 * tokenizer makes of the same text, or the two backends would find different courses. Compared
 * here against FTS5 itself (fts5vocab lists the tokens it stored), before stemming and after the
 * folding both sides do (case, accents).
 */
describe('course words split like FTS5 unicode61', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
           CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
  const fts5Words = (text: string) => {
    db.prepare('DELETE FROM t').run();
    db.prepare('INSERT INTO t (x) VALUES (?)').run(text);
    return (db.prepare('SELECT term FROM v ORDER BY offset').all() as { term: string }[]).map((row) => row.term);
  };
  // What Elasticsearch's lowercase + asciifolding do to these samples (Latin accents only).
  const fold = (word: string) =>
    word
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();

  const samples = [
    'Node.js APIs for Beginners',
    "Don't panic: C++ & C# in 3.5 weeks (10K run)",
    'Café Latte Art — naïve e\u0301cole, Crème brûlée',
    'foo_bar A/B testing, e-mail, 100%',
    'हिन्दी सीखें: बोलचाल',
    'Madhubani Painting 🎨 emoji😀inside',
    'tab\tseparated\nlines   and  spaces',
    'İstanbul ÅRHUS x²y ½',
  ];

  for (const sample of samples) {
    it(`splits ${JSON.stringify(sample)} as FTS5 does`, () => {
      expect(courseWords(sample).map(fold)).toEqual(fts5Words(sample).map(fold));
    });
  }
});
