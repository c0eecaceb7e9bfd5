import type { SearchFacets } from '../../domain/searchFacets.js';
import type { SearchResult } from '../../search/searchClient.js';

/** The facet counts as three lines a person reads under the table. */
export function facetLines(facets: SearchFacets): string {
  const line = (name: string, counts: { value: string; label?: string; count: number }[]) =>
    `${name}: ${counts.length ? counts.map((entry) => `${entry.label ?? entry.value} ${entry.count}`).join(' \u00B7 ') : 'none'}`;
  return [line('Categories', facets.category), line('Start months', facets.month), line('Prices', facets.price)].join('\n');
}

/** "Did you mean" for a search that found nothing. */
export function suggestionLine(result: Pick<SearchResult, 'suggestion'>): string | undefined {
  return result.suggestion === undefined ? undefined : `Did you mean: ${result.suggestion}?`;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** A highlight (escaped HTML with <mark>) back as plain text in pieces, each marked or not. */
export function markedPieces(html: string): { text: string; marked: boolean }[] {
  return html
    .split(/(<mark>.*?<\/mark>)/s)
    .filter((piece) => piece.length > 0)
    .map((piece) => {
      const marked = piece.startsWith('<mark>');
      const inner = marked ? piece.slice(6, -7) : piece;
      return { text: inner.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!), marked };
    });
}
