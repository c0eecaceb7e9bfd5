import type { estypes } from '@elastic/elasticsearch';

/**
 * The course index: its analysis, mapping and naming. Bump COURSE_MAPPING_VERSION whenever the
 * mapping or the analysis changes; `catalog doctor` then reports drift and `catalog reindex`
 * builds a fresh index under the new version behind the same alias.
 */
export const COURSE_MAPPING_VERSION = 4;

export const courseIndexSettings: estypes.IndicesIndexSettings = {
  number_of_shards: 1,
  // No replica on a single node (the index stays green), one as soon as a second node joins.
  auto_expand_replicas: '0-1',
};

const long = { type: 'long' } as const;
const integer = { type: 'integer' } as const;
const keyword = { type: 'keyword' } as const;
const calendarDate = { type: 'date', format: 'strict_date' } as const;
const instant = { type: 'date', format: 'epoch_millis' } as const;
/** Shown in results, never searched or sorted on. */
const displayOnly = { type: 'keyword', index: false, doc_values: false } as const;

export const courseMappings: estypes.MappingTypeMapping = {
  // A field the code does not know about is a bug, not something to guess a type for.
  dynamic: 'strict',
  _meta: { mappingVersion: COURSE_MAPPING_VERSION },
  properties: {
    id: keyword,
    title: displayOnly,
    /**
     * The terms of the one analysis in src/domain/text/, one space apart: the built-in
     * `whitespace` analyzer only splits them (no lower-casing, no stemming, nothing from
     * analysis-common), so the index holds exactly the terms SQLite's index holds and is valid
     * on any Elasticsearch. Only whether a term is there counts (see relevance.ts), so no norms
     * and no positions.
     */
    title_words: { type: 'text', analyzer: 'whitespace', norms: false, index_options: 'docs' },
    description: { type: 'text', index: false },
    description_words: { type: 'text', analyzer: 'whitespace', norms: false, index_options: 'docs' },
    teacher: displayOnly,
    /** The name with A-Z folded, as SQLite's COLLATE NOCASE compares it. */
    teacher_key: keyword,
    category: keyword,
    price_paise: long,
    sale: { properties: { price_paise: long, starts_at: long, ends_at: long } },
    /**
     * The price over time: periods [from, until) that tile the whole time line. The query picks
     * the period holding its own "now", so filters and sorts on the price are right at any
     * instant, also after a sale ended and nothing was re-synced.
     */
    prices: { type: 'nested', properties: { from: long, until: long, amount: long } },
    start_date: calendarDate,
    end_date: calendarDate,
    /** Both null (absent from the index) for a course without a seat limit. */
    seats: integer,
    registrations: integer,
    seats_left: integer,
    /** A free start (`--free-start` filters on its presence); null without one. */
    free_days: integer,
    upgrade_until_day: integer,
    status: keyword,
    version: long,
    updated_at: instant,
    /** The price at `effective_at` (when it was last published), for readers of the index that do not evaluate `prices`. */
    effective_price_paise: long,
    effective_at: instant,
    /** Counts for a course page ("12 lessons, 3 previews"); material titles are not searchable. */
    modules: integer,
    materials: integer,
    previews: integer,
  },
};

/** A fresh, never-reused index name behind the alias: "<alias>-v1-20261125063000123-k3x9". */
export function versionedIndexName(alias: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/\D/g, '').slice(0, 17);
  const suffix = Math.random().toString(36).slice(2, 6).padEnd(4, '0');
  return `${alias}-v${COURSE_MAPPING_VERSION}-${stamp}-${suffix}`;
}
