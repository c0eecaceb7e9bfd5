/**
 * Splits text into words exactly where SQLite's FTS5 `unicode61 remove_diacritics 2` tokenizer
 * does, so that both backends see the same words. Elasticsearch's standard tokenizer would keep
 * "Node.js", "don't" and "3.5" whole where FTS5 splits them, and a search for "node" would then
 * find different courses on each backend. We index the words joined by spaces and let
 * Elasticsearch do only what it does identically: lowercase, fold accents, porter-stem.
 *
 * unicode61 keeps letters, digits and private-use characters in words; a handful of combining
 * accents (U+0300..U+0331, measured against SQLite with fts5vocab) stay inside a word and are
 * dropped ("e\u0301cole" → "ecole"); every other character, Indic vowel signs included, separates.
 */
const DIACRITICS = '\\u0300-\\u0304\\u0306-\\u030C\\u030F\\u0311\\u031B\\u0323-\\u0328\\u032D\\u032E\\u0330\\u0331';
const WORD = new RegExp(`[\\p{L}\\p{N}\\p{Co}${DIACRITICS}]+`, 'gu');
const DIACRITIC = new RegExp(`[${DIACRITICS}]`, 'gu');
const HAS_DIACRITIC = new RegExp(`[${DIACRITICS}]`, 'u');

/** In ASCII, unicode61's word characters are exactly [A-Za-z0-9]: a much cheaper split. */
const NON_ASCII = /[^\x00-\x7F]/;
const ASCII_SEPARATORS = /[^A-Za-z0-9]+/g;

export function courseWords(text: string): string[] {
  if (!NON_ASCII.test(text)) return text.split(ASCII_SEPARATORS).filter((word) => word.length > 0);
  const words = text.match(WORD) ?? [];
  if (!HAS_DIACRITIC.test(text)) return words;
  return words.map((word) => word.replace(DIACRITIC, '')).filter((word) => word.length > 0);
}

/** The text as Elasticsearch indexes it: the words, one space apart (a whitespace tokenizer splits them back). */
export function indexedWords(text: string): string {
  // Every course is split on an initial sync: the common ASCII case in one pass.
  if (!NON_ASCII.test(text)) return text.replace(ASCII_SEPARATORS, ' ').trim();
  return courseWords(text).join(' ');
}
