import type { SearchQuery } from '../domain/searchQuery.js';
import type { CourseFactsMirror } from './courseFactsMirror.js';
import type { CatalogDatabase } from './database.js';
import { conditionsOf, sortKeyOf } from './mirroredConditions.js';
import { preparedSearch } from './preparedSearches.js';

export interface MirroredPage {
  sortKey: 'price' | 'registrations' | 'start';
  descending: boolean;
  limit: number;
  offset: number;
}

/**
 * A text search sorted by a course field, answered from the in-memory copy of course_facts:
 * the matches' seqs read from the full-text index in one value, each checked against the
 * query's conditions in the copy, the passing ones counted and the page kept in a bounded heap.
 * The conditions are searchConditions.ts's, read the same way (mirroredConditions.ts).
 */
export function mirroredSearch(db: CatalogDatabase, mirror: CourseFactsMirror, query: SearchQuery, match: string, page: MirroredPage) {
  const matches = matchedSeqs(db, match);
  const passes = conditionsOf(db, mirror, query);
  const keyOf = sortKeyOf(mirror, query.now, page.sortKey);
  const ids = mirror.id;
  const depth = Math.min(page.offset + page.limit, matches.length);
  // A max-heap of the best `depth` courses so far, the one that sorts last at its root.
  const heapSeq = new Int32Array(depth);
  const heapKey = new Float64Array(depth);
  const after = page.descending
    ? (keyA: number, seqA: number, keyB: number, seqB: number) => keyA < keyB || (keyA === keyB && ids[seqA]! > ids[seqB]!)
    : (keyA: number, seqA: number, keyB: number, seqB: number) => keyA > keyB || (keyA === keyB && ids[seqA]! > ids[seqB]!);
  let size = 0;
  let total = 0;
  for (const seq of matches) {
    if (!passes(seq)) continue;
    total++;
    if (depth === 0) continue;
    const key = keyOf(seq);
    let at: number;
    if (size < depth) {
      at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!after(key, seq, heapKey[parent]!, heapSeq[parent]!)) break;
        heapSeq[at] = heapSeq[parent]!;
        heapKey[at] = heapKey[parent]!;
        at = parent;
      }
    } else {
      if (!after(heapKey[0]!, heapSeq[0]!, key, seq)) continue;
      at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= size) break;
        if (child + 1 < size && after(heapKey[child + 1]!, heapSeq[child + 1]!, heapKey[child]!, heapSeq[child]!)) child++;
        if (!after(heapKey[child]!, heapSeq[child]!, key, seq)) break;
        heapSeq[at] = heapSeq[child]!;
        heapKey[at] = heapKey[child]!;
        at = child;
      }
    }
    heapSeq[at] = seq;
    heapKey[at] = key;
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) =>
    after(heapKey[a]!, heapSeq[a]!, heapKey[b]!, heapSeq[b]!) ? 1 : after(heapKey[b]!, heapSeq[b]!, heapKey[a]!, heapSeq[a]!) ? -1 : 0,
  );
  const seqs = order.slice(page.offset, page.offset + page.limit).map((i) => heapSeq[i]!);
  return { total, seqs };
}

/** The seqs of the courses a full-text expression matches, read as one JSON array (the fastest way out of SQLite measured). */
export function matchedSeqs(db: CatalogDatabase, match: string): number[] {
  const json = preparedSearch<[string], { seqs: string }>(
    db,
    'SELECT json_group_array(rowid) AS seqs FROM course_text WHERE course_text MATCH ?',
  ).get(match)!.seqs;
  return JSON.parse(json) as number[];
}
