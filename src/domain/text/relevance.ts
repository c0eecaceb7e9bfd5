/**
 * Relevance, computed the same way by both backends (bm25 differs between FTS5 and Lucene, so
 * neither engine's own score is used): each word of a search scores the best tier it reaches in
 * a course, and a course's score is the sum over the words. Ties break on the course id.
 *
 * | tier                          | points |
 * | ----------------------------- | ------ |
 * | in the title, exactly         | 6      |
 * | in the title, with typos      | 5      |
 * | in the title, as a prefix     | 4      |
 * | in the description, exactly   | 3      |
 * | in the description, typos     | 2      |
 * | in the description, as prefix | 1      |
 *
 * "Exactly" is the word's term (after analysis, so "baking" is exactly "Bake"); typos are the
 * policy's (typoPolicy.ts); a prefix is the last word as typed starting a longer word.
 */
export const RELEVANCE_POINTS = {
  title: { exact: 6, typo: 5, prefix: 4 },
  description: { exact: 3, typo: 2, prefix: 1 },
} as const;

export const TEXT_COLUMNS = ['title', 'description'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];
