import { foldText } from './foldText.js';
import { stem } from './stem.js';
import type { TypedWord } from './typoPolicy.js';

/**
 * Words into the terms both indexes hold and every query looks for — one definition for
 * documents and queries, for SQLite and Elasticsearch alike (they receive these terms
 * pre-analysed, one space apart, and split them on spaces only).
 *
 * After folding (foldText.ts), a word is a letter or digit followed by letters, marks and digits, so Devanagari and
 * other scripts with vowel signs stay whole, and "3d" or "html5" are one word. Everything else
 * separates words, except where it is part of a technology's name:
 * - `++` and `#` right after a word: `c++`, `g++`, `c#`, `f#` (never the same as `c`);
 * - a word ending in `.js` loses the dot: `node.js` and `nodejs` are one term;
 * - `.net` keeps its dot, alone or after a word (`asp.net`);
 * - an apostrophe joins (`don't` → `dont`), and a possessive `'s` goes (`python's` → `python`).
 * Other dots and hyphens separate (`3.5`, `e-mail`). Plain Latin words are then stemmed
 * (stem.ts); terms are cut at MAX_TERM_LENGTH code points. A document holds both the stem and
 * the word as written; a search looks for the stem, and for typos of the word as typed.
 *
 * Documents also get the parts of some compound words as extra terms, so the part finds the
 * whole: `mysql`, `postgresql`, `nosql` → `sql`; `nodejs`, `vue.js` → `node`, `vue`;
 * `asp.net` → `asp`, `.net`; `html5`, `python3` → `html`, `python`; `e-mail`, `full-stack` →
 * `email`, `fullstack`. Queries look for the words as typed (no parts), so `sql` finds MySQL
 * courses but `mysql` does not find every SQL course.
 */
export const MAX_TERM_LENGTH = 64;

const WORD = '[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*';
/** A word with the joiners and technology marks that can belong to it. */
let chunkPattern: RegExp | undefined;
/** Made on first use: building its Unicode classes costs a fresh process a millisecond, and ASCII text never needs it. */
const unicodeChunk = () =>
  (chunkPattern ??= new RegExp(`\\.?${WORD}(?:[.'\\u2019\\-]${WORD})*(?:\\+\\+|#(?![\\p{L}\\p{M}\\p{N}]))?`, 'gu'));
/** The same for ASCII text, where it is several times faster without Unicode classes. */
const ASCII_CHUNK = /\.?[a-z0-9]+(?:[.'-][a-z0-9]+)*(?:\+\+|#(?![a-z0-9]))?/g;
const NON_ASCII = /[^\x00-\x7F]/;
const JOINED = /[.'\u2019\-+#]/;
const APOSTROPHE_S = /['\u2019]s(?=$|[.\-+#])/g;
const APOSTROPHE = /['\u2019]/g;
const LETTERS_THEN_DIGITS = /^([a-z]{3,})\d+$/;
/** Compounds whose parts are not found by the general rules (which split off `sql` and `js`). */
const COMPOUND_PARTS: Record<string, string[]> = {
  postgresql: ['postgres'],
  sqlite: ['sql'],
};

/** A word's term and the parts it adds to a document, worked out once per distinct word. */
interface WordTerms {
  word: string;
  term: string;
  parts: readonly string[];
}
const MEMORY_LIMIT = 50_000;
let memory = new Map<string, WordTerms>();
const NUMBER = /^[0-9]+$/;
const NO_PARTS: readonly string[] = [];

function wordTerms(word: string): WordTerms {
  // A number is its own term, with no parts, and a catalogue holds endlessly many (batch numbers,
  // years, codes): remembered, they would crowd out the words and fill the memory with entries
  // that die old, which is what makes a long import's heap grow (bench/results/import.md).
  if (word.length <= MAX_TERM_LENGTH && NUMBER.test(word)) return { word, term: word, parts: NO_PARTS };
  const known = memory.get(word);
  if (known) return known;
  const cutWord = word.length <= MAX_TERM_LENGTH ? word : Array.from(word).slice(0, MAX_TERM_LENGTH).join('');
  const parts: string[] = [...(COMPOUND_PARTS[cutWord] ?? [])];
  if (cutWord.length > 3 && cutWord.endsWith('sql')) parts.push('sql');
  if (cutWord.length > 4 && cutWord.endsWith('js')) parts.push(cutWord.slice(0, -2));
  const letters = LETTERS_THEN_DIGITS.exec(cutWord);
  if (letters) parts.push(letters[1]!);
  const entry = { word: cutWord, term: stem(cutWord), parts: parts.map(stem) };
  if (memory.size >= MEMORY_LIMIT) memory = new Map();
  memory.set(word, entry);
  return entry;
}

/**
 * The words of one chunk that holds joiners or marks ("node.js", "e-mail", "c++", "asp.net"),
 * and the extra parts the chunk itself makes (the joined "email", the "node" of "node.js").
 */
function joinedWords(raw: string, words: string[], parts: string[]): void {
  let chunk = raw;
  if (chunk.includes("'") || chunk.includes('\u2019')) chunk = chunk.replace(APOSTROPHE_S, '').replace(APOSTROPHE, '');
  const mark = chunk.endsWith('++') ? '++' : chunk.endsWith('#') ? '#' : '';
  let body = chunk.slice(0, chunk.length - mark.length);
  const leadingDot = body.startsWith('.');
  if (leadingDot) body = body.slice(1);
  const pieces = body.split('-');
  const plainPieces: string[] = [];
  pieces.forEach((piece, index) => {
    const last = index === pieces.length - 1;
    const segments = piece.split('.').filter((segment) => segment.length > 0);
    if (segments.length === 0) return;
    if (segments.length === 2 && segments[1] === 'js') {
      words.push(`${segments[0]}js`);
      plainPieces.push(`${segments[0]}js`);
      return;
    }
    if (segments.length === 2 && segments[1] === 'net') {
      words.push(`${segments[0]}.net`);
      parts.push(segments[0]!, '.net');
      return;
    }
    segments.forEach((segment, s) => {
      let word = segment;
      if (leadingDot && index === 0 && s === 0 && word === 'net') word = '.net';
      if (last && s === segments.length - 1) word += mark;
      words.push(word);
    });
    if (segments.length === 1 && !mark) plainPieces.push(segments[0]!);
  });
  if (pieces.length > 1 && plainPieces.length === pieces.length) parts.push(plainPieces.join(''));
}

/**
 * Calls `word` for each word of a text, in order, and `part` for the parts its joined chunks
 * make. (One pass with no intermediate arrays: an import analyses every course.)
 */
function eachWord(text: string, word: (word: string) => void, part: (part: string) => void): void {
  const folded = foldText(text);
  const pattern = NON_ASCII.test(folded) ? unicodeChunk() : ASCII_CHUNK;
  pattern.lastIndex = 0;
  let joined: string[] | undefined;
  let parts: string[] | undefined;
  for (let match = pattern.exec(folded); match !== null; match = pattern.exec(folded)) {
    const chunk = match[0];
    if (!JOINED.test(chunk)) {
      word(chunk);
      continue;
    }
    joined ??= [];
    parts ??= [];
    joined.length = 0;
    parts.length = 0;
    joinedWords(chunk, joined, parts);
    for (const each of joined) word(each);
    for (const each of parts) part(each);
  }
}

/**
 * Every term a document's text holds, each once: its words' stems, the words themselves where
 * they differ (typos and prefixes are measured against what was written: "evenins" is one typo
 * from "evenings", two from its stem "even"), then their parts. Matching asks only whether a
 * term is there (no phrases, no term frequencies), and a smaller index is faster to write and
 * to read.
 */
export function documentTerms(text: string): string[] {
  const terms = new Set<string>();
  let parts: string[] | undefined;
  eachWord(
    text,
    (word) => {
      const entry = wordTerms(word);
      terms.add(entry.term);
      if (entry.word !== entry.term) terms.add(entry.word);
      if (entry.parts.length) (parts ??= []).push(...entry.parts);
    },
    (part) => (parts ??= []).push(wordTerms(part).term),
  );
  if (parts) for (const part of parts) terms.add(part);
  return [...terms];
}

/** The text as an index receives it: its terms, one space apart. */
export function indexedText(text: string): string {
  return documentTerms(text).join(' ');
}

/** The words of a search, each term once, in the order typed. */
export function queryWords(text: string): TypedWord[] {
  const seen = new Set<string>();
  const out: TypedWord[] = [];
  eachWord(
    text,
    (word) => {
      const { term, word: typed } = wordTerms(word);
      if (seen.has(term)) return;
      seen.add(term);
      out.push({ term, typed });
    },
    () => undefined,
  );
  return out;
}
