import { editDistance } from './editDistance.js';

/**
 * How forgiving a search is, the same on both backends (Meilisearch's and Algolia's defaults):
 * a word of 1–4 letters must be spelled right, 5–8 letters may have one typo, 9 or more two.
 * The letters counted are the code points of the word's term (its stem: "baking" → "bake", 4,
 * so "baking" never turns into "banking"); the typos are counted between the word as typed and
 * a term of the index (which holds words as written too: "evenins" is one typo from
 * "evenings"). A typo is an insertion, a deletion, a substitution or a swap of two neighbours;
 * the first letter is never a typo (it keeps the candidates few, and users rarely miss it).
 */
export const ONE_TYPO_FROM = 5;
export const TWO_TYPOS_FROM = 9;
export const TYPO_PREFIX_LENGTH = 1;
/** The last word of a search also matches as the start of a longer word, from this length on. */
export const PREFIX_MIN_LENGTH = 3;

/** A word of a search: the term it looks for, and the word as typed. */
export interface TypedWord {
  term: string;
  typed: string;
}

export function typosAllowed(term: string): 0 | 1 | 2 {
  const letters = codePointLength(term);
  return letters >= TWO_TYPOS_FROM ? 2 : letters >= ONE_TYPO_FROM ? 1 : 0;
}

/** The fixed start a typo shares with the word as typed (what vocabulary ranges are cut at). */
export function typoPrefix(typed: string): string {
  return Array.from(typed).slice(0, TYPO_PREFIX_LENGTH).join('');
}

/**
 * Whether `candidate` is within the typos the policy allows of the word as typed. The word's own
 * term is not a typo (it is the exact match); the word as typed is, when the policy allows typos
 * at all (Elasticsearch's fuzzy query matches it too, and a stem need not stem to itself).
 */
export function isTypoOf(candidate: string, word: TypedWord): boolean {
  const allowed = typosAllowed(word.term);
  if (allowed === 0 || candidate === word.term || !candidate.startsWith(typoPrefix(word.typed))) return false;
  return editDistance(candidate, word.typed, allowed) <= allowed;
}

export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
