import type { Statement } from 'better-sqlite3';
import type { CatalogDatabase } from './database.js';

/**
 * Search statements prepared once per connection. Parsing and planning a search's SQL took
 * 0.2–0.3 ms of every query; the SQL text differs only by which conditions and sort a search
 * uses, so a small set of statements serves them all. The oldest is dropped past the limit.
 */
const LIMIT = 100;
const prepared = new WeakMap<CatalogDatabase, Map<string, Statement>>();

export function preparedSearch<P extends unknown[] | object, R>(db: CatalogDatabase, sql: string): Statement<P, R> {
  let statements = prepared.get(db);
  if (!statements) prepared.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (statements.size >= LIMIT) statements.delete(statements.keys().next().value!);
    statements.set(sql, statement);
  }
  return statement as unknown as Statement<P, R>;
}
