import { documentTerms } from './courseTerms.js';
import { isTypoOf } from './typoPolicy.js';
import type { TypedWord } from './typoPolicy.js';

/**
 * Which words of a course's text a search matched, marked for display: HTML-escaped text in
 * which only `<mark>…</mark>` is markup, so a web page can insert it as HTML whatever a teacher
 * typed. Computed from the one analysis (the same for both backends): a written word is marked
 * when one of its terms is a search word's term, a typo of it the policy allows, or starts with
 * the last word as typed.
 */
export interface Highlight {
  title?: string;
  description?: string;
}

export interface HighlightWords {
  terms: string[];
  typed: string[];
  prefix?: string;
}

/** Characters of a written word: letters, marks, digits, invisible format characters and the joiners of tech names. */
let segmentPattern: RegExp | undefined;
const unicodeSegment = () => (segmentPattern ??= /[\p{L}\p{M}\p{N}\p{Cf}.'\u2019\-+#]+/gu);
/** The same for ASCII text, without building Unicode classes (a few ms in a fresh process). */
const ASCII_SEGMENT = /[A-Za-z0-9.'\-+#]+/g;
const NON_ASCII = /[^\x00-\x7F]/;
/** Joiners at the edges of a word are not part of it ("Python." marks "Python", ".NET" keeps its dot). */
const EDGES = /^(['\u2019-]*)(.*?)([.'\u2019-]*)$/s;
/** About how long a description snippet is, in characters. */
export const SNIPPET_LENGTH = 160;
const SNIPPET_LEAD = 50;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

function matcher(words: HighlightWords): (term: string) => boolean {
  const exact = new Set(words.terms);
  const typed: TypedWord[] = words.terms.map((term, i) => ({ term, typed: words.typed[i]! }));
  return (term) =>
    exact.has(term) || typed.some((word) => isTypoOf(term, word)) || (words.prefix !== undefined && term.startsWith(words.prefix));
}

interface Span {
  start: number;
  end: number;
}

/** The spans of `text` to mark. */
function matchedSpans(text: string, matches: (term: string) => boolean): Span[] {
  const spans: Span[] = [];
  for (const segment of text.matchAll(NON_ASCII.test(text) ? unicodeSegment() : ASCII_SEGMENT)) {
    if (!documentTerms(segment[0]).some(matches)) continue;
    const [, lead = '', core = ''] = EDGES.exec(segment[0]) ?? [];
    if (!core) continue;
    const start = segment.index + lead.length;
    spans.push({ start, end: start + core.length });
  }
  return spans;
}

function marked(text: string, spans: Span[], from = 0, to = text.length): string {
  let out = '';
  let at = from;
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    out += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** Moves `index` back (or on) to the nearest whitespace, so a snippet never cuts a word. */
function wordBoundary(text: string, index: number, direction: -1 | 1): number {
  let i = index;
  while (i > 0 && i < text.length && !/\s/.test(text[i]!)) i += direction;
  return Math.max(0, Math.min(text.length, i));
}

/**
 * The title with its matched words marked, and a snippet of the description around its first
 * match (none when the description matched nothing). Without search words, nothing.
 */
export function highlightCourse(words: HighlightWords, title: string, description: string): Highlight {
  if (words.terms.length === 0) return {};
  const matches = matcher(words);
  const highlight: Highlight = { title: marked(title, matchedSpans(title, matches)) };
  const spans = matchedSpans(description, matches);
  if (spans.length) {
    // From a little before the first match, or earlier when the description's end is near;
    // the whole description when it is short.
    const first = spans[0]!.start;
    const from = Math.min(first - SNIPPET_LEAD, description.length - SNIPPET_LENGTH);
    const start = from <= 0 ? 0 : wordBoundary(description, from, -1);
    const end = start + SNIPPET_LENGTH >= description.length ? description.length : wordBoundary(description, start + SNIPPET_LENGTH, -1);
    const snippet = marked(description, spans, start, Math.max(end, spans[0]!.end)).trim();
    highlight.description = `${start > 0 ? '\u2026' : ''}${snippet}${end < description.length ? '\u2026' : ''}`;
  }
  return highlight;
}
