import type { CatalogDatabase } from './database.js';

/** Set once a sync or a reindex first fed a search index from this database (see the migration "the outbox is pruned"). */
const SYNCED_SINCE = 'synced_since';
/** Every outbox id up to this one has been pruned; every later one is still there. */
const PRUNED_THROUGH = 'outbox_pruned_through';
/** Set when a database starts feeding an index after changes were pruned; cleared by a full load. */
const NEEDS_FULL_LOAD = 'needs_full_load';

/**
 * How long the outbox keeps its entries. Every change appends one, in every setup: it is the
 * sync's queue, and the change stream live pages follow by increasing id. An entry nothing needs
 * any more is deleted once it is older than the retention window:
 * - in a database that feeds Elasticsearch, an entry the sync has sent (done); pending and
 *   refused entries stay until they are sent, however old;
 * - in a database that never fed an index, any entry (nothing will ever send it). Should a sync
 *   start later, it sees that entries were pruned and loads every course instead.
 *
 * Ids are never reused: the newest entry is never pruned, since an INTEGER PRIMARY KEY without
 * AUTOINCREMENT hands out the largest remaining id + 1, which after deleting the newest entry
 * would be an id a reader has already seen.
 */
export class OutboxRetention {
  private readonly statements;

  constructor(private readonly db: CatalogDatabase) {
    this.statements = {
      // Ids grow with time, so the first entry inside the window bounds everything older: a scan
      // in id order that stops there reads only what is about to go (and old pending entries).
      firstSince: db.prepare<[number], { id: number }>(`SELECT id FROM outbox WHERE created_at >= ? ORDER BY id LIMIT 1`),
      newest: db.prepare<[], { id: number | null }>(`SELECT max(id) AS id FROM outbox`),
      lastDoneBelow: db.prepare<[number], { id: number }>(
        `SELECT id FROM outbox WHERE id < ? AND done_at IS NOT NULL ORDER BY id DESC LIMIT 1`,
      ),
      deleteDoneBelow: db.prepare<[number]>(`DELETE FROM outbox WHERE id < ? AND done_at IS NOT NULL`),
      deleteAllBelow: db.prepare<[number]>(`DELETE FROM outbox WHERE id < ?`),
      getState: db.prepare<[string], { value: string }>(`SELECT value FROM sync_state WHERE name = ?`),
      deleteState: db.prepare<[string]>(`DELETE FROM sync_state WHERE name = ?`),
      setState: db.prepare<[string, string]>(
        `INSERT INTO sync_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      ),
    };
  }

  /**
   * Deletes entries older than the window that nothing needs (see the class comment); returns
   * how many. `pendingToo` is for databases that never fed an index.
   */
  prune(now: number, retentionMs: number, options: { pendingToo: boolean }): number {
    return this.db
      .transaction(() => {
        const newest = this.statements.newest.get()?.id;
        if (!newest) return 0;
        const bound = Math.min(this.statements.firstSince.get(now - retentionMs)?.id ?? newest, newest);
        const through = options.pendingToo ? bound - 1 : (this.statements.lastDoneBelow.get(bound)?.id ?? 0);
        const deleted = (options.pendingToo ? this.statements.deleteAllBelow : this.statements.deleteDoneBelow).run(bound).changes;
        if (deleted > 0 && through > this.prunedThrough()) this.statements.setState.run(PRUNED_THROUGH, String(through));
        return deleted;
      })
      .immediate();
  }

  /** After a write appended to the outbox: a database that never fed an index keeps only the window. */
  afterAppend(now: number, retentionMs: number): void {
    if (!this.feedsIndex()) this.prune(now, retentionMs, { pendingToo: true });
  }

  /** Whether a sync or reindex ever fed an index from this database. */
  feedsIndex(): boolean {
    return this.statements.getState.get(SYNCED_SINCE) !== undefined;
  }

  /**
   * Records that this database feeds an index from now on (pending entries are kept from then).
   * If it did not before and changes were pruned meanwhile, draining the outbox cannot bring an
   * index up to date: a full load is needed, and stays needed until one completes.
   */
  startFeedingIndex(now: number): void {
    this.db
      .transaction(() => {
        if (this.feedsIndex()) return;
        this.statements.setState.run(SYNCED_SINCE, String(now));
        if (this.prunedThrough() > 0) this.statements.setState.run(NEEDS_FULL_LOAD, String(now));
      })
      .immediate();
  }

  needsFullLoad(): boolean {
    return this.statements.getState.get(NEEDS_FULL_LOAD) !== undefined;
  }

  /** A reindex loaded every course: the outbox need not cover what came before. */
  fullLoadDone(): void {
    this.statements.deleteState.run(NEEDS_FULL_LOAD);
  }

  /** Every entry with an id up to this one was pruned. */
  prunedThrough(): number {
    return Number(this.statements.getState.get(PRUNED_THROUGH)?.value ?? 0);
  }
}
