import type { CatalogDatabase } from './database.js';

/**
 * Counts the matches that pass a search's conditions in the same pass that picks its page.
 *
 * Checking a match's conditions is a b-tree lookup, the bulk of a text search's cost, and both
 * the page and the total need every match checked. Materialising the passing matches to count
 * and then sort them took 9.4 ms for a common word (10,000 rows), a second pass just to count
 * 11; this way takes 7.3. A LIMIT sort keeps only the page's rows, and `catalog_tally(c.seq)`,
 * written as the last condition, counts each row that reaches it: SQLite tests a table's
 * conditions in the order written and stops at the first that fails. So every condition must be
 * on that one table and written before the tally in the WHERE clause (ON clauses are tested
 * after it). test/integration/searchStrategies.test.ts checks totals against a brute-force count.
 */
const TALLY = 'catalog_tally';
const tallies = new WeakMap<CatalogDatabase, MatchTally>();

export interface MatchTally {
  /** The condition that counts, given a column of the table the conditions are on. */
  sql(column: string): string;
  /** Runs `read` with the tally at zero; returns what it read and how many rows were counted. */
  count<T>(read: () => T): { result: T; counted: number };
}

/** The tally of this connection, defining its SQL function on first use. */
export function matchTally(db: CatalogDatabase): MatchTally {
  let tally = tallies.get(db);
  if (tally) return tally;
  let rows = 0;
  db.function(TALLY, { varargs: true, deterministic: false, directOnly: true }, () => {
    rows++;
    return 1;
  });
  tally = {
    sql: (column) => `${TALLY}(${column})`,
    count: (read) => {
      rows = 0;
      const result = read();
      return { result, counted: rows };
    },
  };
  tallies.set(db, tally);
  return tally;
}
