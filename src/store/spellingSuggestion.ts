import type { SearchQuery } from '../domain/searchQuery.js';
import { queryWords } from '../domain/text/courseTerms.js';
import { editDistance } from '../domain/text/editDistance.js';
import { typoPrefix, typosAllowed } from '../domain/text/typoPolicy.js';
import type { TypedWord } from '../domain/text/typoPolicy.js';
import type { CatalogDatabase } from './database.js';
import { preparedSearch } from './preparedSearches.js';
import { ftsString, inText, termsStartingWith } from './textMatch.js';

/** Words of the catalogue's text, as in the highlighter: runs of letters, marks, digits and joiners. */
const WRITTEN_WORD = /[\p{L}\p{M}\p{N}\p{Cf}.'\u2019\-+#]+/gu;

function coursesHolding(db: CatalogDatabase, term: string): number {
  return preparedSearch<[string], { n: number }>(db, 'SELECT count(*) AS n FROM course_text WHERE course_text MATCH ?').get(
    inText(ftsString(term)),
  )!.n;
}

/** A word as some course writes it whose term (or spelling) is `term`: a stem such as "photographi" is no suggestion. */
function writtenForm(db: CatalogDatabase, term: string): string {
  const course = preparedSearch<[string], { title: string; description: string }>(
    db,
    `SELECT c.title AS title, c.description AS description FROM course_text JOIN courses c ON c.seq = course_text.rowid
     WHERE course_text MATCH ? LIMIT 1`,
  ).get(inText(ftsString(term)));
  if (!course) return term;
  for (const [written] of `${course.title} ${course.description}`.matchAll(WRITTEN_WORD)) {
    const word = queryWords(written).find((candidate) => candidate.term === term || candidate.typed === term);
    if (word) return word.typed;
  }
  return term;
}

/**
 * The closest term courses hold, for a word no course holds: one typo more than the search
 * itself forgives (at most two, none for words of one or two letters), the same first letter;
 * the nearest first, then the one more courses hold.
 */
function correction(db: CatalogDatabase, word: TypedWord): string | undefined {
  const allowed = Math.min(2, typosAllowed(word.term) + 1);
  if (Array.from(word.typed).length < 3) return undefined;
  let best: { term: string; distance: number; courses: number } | undefined;
  for (const candidate of termsStartingWith(db, typoPrefix(word.typed))) {
    const distance = editDistance(candidate, word.typed, allowed);
    if (distance > allowed || (best && distance > best.distance)) continue;
    const courses = coursesHolding(db, candidate);
    if (courses === 0) continue;
    if (!best || distance < best.distance || courses > best.courses) best = { term: candidate, distance, courses };
  }
  return best && writtenForm(db, best.term);
}

/**
 * "Did you mean": the search's words with each word that no course holds replaced by its
 * closest correction, or undefined when there is nothing to correct (src/store/textMatch.ts
 * reads the same vocabulary, so the suggestion is the same whichever backend answered).
 */
export function spellingSuggestion(db: CatalogDatabase, query: Pick<SearchQuery, 'terms' | 'typed'>): string | undefined {
  let changed = false;
  const words = query.terms.map((term, i) => {
    const word = { term, typed: query.typed[i]! };
    if (coursesHolding(db, term) > 0) return word.typed;
    const corrected = correction(db, word);
    if (corrected === undefined || corrected === word.typed) return word.typed;
    changed = true;
    return corrected;
  });
  return changed ? words.join(' ') : undefined;
}
