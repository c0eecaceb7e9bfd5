import type { CatalogDatabase } from './database.js';

/** One edit of a table's or index's stored CREATE statement: `from` must occur exactly once. */
export interface SchemaEdit {
  from: string;
  to: string;
}

export interface TableRebuild {
  table: string;
  /** Edits of the table's CREATE statement (constraints SQLite cannot alter in place). */
  edits: SchemaEdit[];
  /** Columns added after the rebuild, as ALTER TABLE … ADD COLUMN would take them. */
  addColumns?: string[];
  /** Edits of the table's own indexes' CREATE statements, by index name. */
  indexEdits?: Record<string, SchemaEdit[]>;
}

function edited(sql: string, edits: SchemaEdit[], what: string): string {
  let result = sql;
  for (const { from, to } of edits) {
    const at = result.indexOf(from);
    // Fail loudly rather than rebuild a table that is not the one this migration was written for.
    if (at < 0 || result.indexOf(from, at + 1) >= 0) throw new Error(`${what}: expected "${from}" exactly once in: ${sql}`);
    result = result.slice(0, at) + to + result.slice(at + from.length);
  }
  return result;
}

/**
 * Changes constraints SQLite's ALTER TABLE cannot (a CHECK, a NOT NULL) the way SQLite documents
 * it: a new table from the stored CREATE statement with the edits, every row copied with its
 * rowid (so the full-text index, which points at courses by seq, stays valid), the old table
 * dropped and the new one renamed; then the table's indexes and triggers are made again from
 * their stored SQL. Working from the stored SQL keeps whatever earlier migrations added to the
 * table (columns, indexes, triggers) without naming them here.
 *
 * Run inside the migration's transaction with foreign keys off (see MigrationStep): dropping a
 * table others refer to would otherwise count every reference as broken. The caller checks the
 * references afterwards (PRAGMA foreign_key_check).
 */
export function rebuildTable(db: CatalogDatabase, rebuild: TableRebuild): void {
  const { table } = rebuild;
  const stored = (type: string) =>
    db
      .prepare<[string, string], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_master WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid`,
      )
      .all(type, table);
  const [create] = stored('table');
  if (!create) throw new Error(`no table ${table} to rebuild`);
  const indexes = stored('index');
  const triggers = stored('trigger');
  const temporary = `${table}_rebuilt`;
  const createSql = edited(create.sql, rebuild.edits, table).replace(/^CREATE TABLE\s+("[^"]+"|\S+)/i, `CREATE TABLE ${temporary}`);
  db.exec(createSql);
  db.exec(`INSERT INTO ${temporary} SELECT * FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${temporary} RENAME TO ${table}`);
  for (const column of rebuild.addColumns ?? []) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column}`);
  for (const index of indexes) db.exec(edited(index.sql, rebuild.indexEdits?.[index.name] ?? [], index.name));
  for (const trigger of triggers) db.exec(trigger.sql);
  const unknownIndex = Object.keys(rebuild.indexEdits ?? {}).find((name) => !indexes.some((index) => index.name === name));
  if (unknownIndex) throw new Error(`${table} has no index ${unknownIndex} to edit`);
}
