import type { SearchQuery } from '../domain/searchQuery.js';
import { RELEVANCE_POINTS, TEXT_COLUMNS } from '../domain/text/relevance.js';
import { isTypoOf, typoPrefix, typosAllowed } from '../domain/text/typoPolicy.js';
import type { TypedWord } from '../domain/text/typoPolicy.js';
import type { CatalogDatabase } from './database.js';
import { preparedSearch } from './preparedSearches.js';

/**
 * What one word of a search matches in the full-text index (the relevance tiers of
 * src/domain/text/relevance.ts): its term exactly, the index's terms within the typos the policy
 * allows, and — for the last word — the terms it starts.
 */
export interface WordMatch {
  term: string;
  /** Terms of the vocabulary that are the word with the typos the policy allows. */
  typos: string[];
  /** The last word as typed, when some other term starts with it. */
  prefix?: string;
}

/** One tier of one word: an FTS5 expression and the points a course matching it gets. */
export interface MatchTier {
  points: number;
  expression: string;
}

/** The one code point after every string that starts with `start` (UTF-8 and SQLite's BINARY order agree with code points). */
function after(start: string): string {
  const points = Array.from(start);
  const last = points.pop()!.codePointAt(0)!;
  return points.join('') + String.fromCodePoint(Math.min(last + 1, 0x10ffff));
}

/** Vocabulary terms from `from` (inclusive) up to `to` (exclusive). */
function termsBetween(db: CatalogDatabase, from: string, to: string, limit = -1): string[] {
  return preparedSearch<[string, string, number], { term: string }>(
    db,
    'SELECT term FROM course_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?',
  )
    .all(from, to, limit)
    .map((row) => row.term);
}

/** Every vocabulary term that starts with `start`. */
export function termsStartingWith(db: CatalogDatabase, start: string): string[] {
  return termsBetween(db, start, after(start));
}

/** The vocabulary terms the word could be a typo of: they share its first letter, so one range of the vocabulary holds them all. */
export function typoTerms(db: CatalogDatabase, word: TypedWord): string[] {
  if (typosAllowed(word.term) === 0) return [];
  return termsStartingWith(db, typoPrefix(word.typed)).filter((candidate) => isTypoOf(candidate, word));
}

export function wordMatches(db: CatalogDatabase, query: Pick<SearchQuery, 'terms' | 'typed' | 'prefix'>): WordMatch[] {
  return query.terms.map((term, i) => {
    const last = i === query.terms.length - 1;
    const prefix = last && query.prefix !== undefined ? query.prefix : undefined;
    // A prefix only adds something when a term other than the word's own starts with it.
    const prefixAdds = prefix !== undefined && termsBetween(db, prefix, after(prefix), 2).some((candidate) => candidate !== term);
    return { term, typos: typoTerms(db, { term, typed: query.typed[i]! }), ...(prefixAdds && { prefix }) };
  });
}

/** An FTS5 string: quoted, inner quotes doubled, so no input is ever query syntax. */
export function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function forms(word: WordMatch): { exact: string; typos?: string; prefix?: string } {
  return {
    exact: ftsString(word.term),
    ...(word.typos.length && { typos: `(${word.typos.map(ftsString).join(' OR ')})` }),
    ...(word.prefix !== undefined && { prefix: `${ftsString(word.prefix)}*` }),
  };
}

/** Courses that hold the word in any of its forms, in either column. */
export function anyForm(word: WordMatch): string {
  const { exact, typos, prefix } = forms(word);
  return `(${[exact, typos, prefix].filter((form) => form !== undefined).join(' OR ')})`;
}

/** Courses that hold every word in some form: the set a text search finds. */
export function everyWord(words: WordMatch[]): string {
  return inText(words.map(anyForm).join(' AND '));
}

/** A match narrowed by an expression on the listing column (a start range's months), if any. */
export function narrowedMatch(expression: string, narrowing: string | undefined): string {
  return narrowing ? `(${expression}) AND ${narrowing}` : expression;
}

/** An expression matched in the title and description alone, never in the index's listing column (listingTokens.ts). */
export function inText(expression: string): string {
  return `{${TEXT_COLUMNS.join(' ')}}: (${expression})`;
}

/** The word's tiers that can match, best first, with their points (src/domain/text/relevance.ts). */
export function wordTiers(word: WordMatch): MatchTier[] {
  const { exact, typos, prefix } = forms(word);
  const tiers: MatchTier[] = [];
  for (const column of TEXT_COLUMNS) {
    const points = RELEVANCE_POINTS[column];
    tiers.push({ points: points.exact, expression: `({${column}}: ${exact})` });
    if (typos) tiers.push({ points: points.typo, expression: `({${column}}: ${typos})` });
    if (prefix) tiers.push({ points: points.prefix, expression: `({${column}}: ${prefix})` });
  }
  return tiers;
}
