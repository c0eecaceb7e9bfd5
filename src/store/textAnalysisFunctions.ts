import { documentTerms } from '../domain/text/courseTerms.js';
import type { CatalogDatabase } from './database.js';
import { listingTokens } from './listingTokens.js';

/**
 * The SQL functions through which the full-text index receives pre-analysed terms (the one
 * analysis in src/domain/text/, which Elasticsearch's documents get too). Every connection
 * defines them before anything else, because the triggers on `courses` call them.
 *
 * - `catalog_terms(text)`: the text's terms, one space apart, as course_text stores them.
 * - `catalog_new_terms()`: a JSON array of the terms `catalog_terms` made since the last call,
 *   for the vocabulary (`course_terms`) that typo matching reads. A write inserts them right
 *   after its `catalog_terms` calls, in the same statement or trigger.
 * - `catalog_listing(status, start_date)`: the index's listing tokens for a course (listingTokens.ts).
 */
export function defineTextFunctions(db: CatalogDatabase): void {
  let made = new Set<string>();
  db.function('catalog_terms', { deterministic: false }, (text: unknown) => {
    const terms = documentTerms(typeof text === 'string' ? text : String(text ?? ''));
    for (const term of terms) made.add(term);
    return terms.join(' ');
  });
  db.function('catalog_listing', { deterministic: true }, (status: unknown, startDate: unknown) =>
    listingTokens(String(status), String(startDate)),
  );
  db.function('catalog_new_terms', { deterministic: false }, () => {
    const json = JSON.stringify([...made]);
    made = new Set();
    return json;
  });
}
