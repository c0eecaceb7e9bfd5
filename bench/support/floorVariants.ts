// The trade-offs import.storeFloor.ts can measure: ways the team could make an import's writes
// cheaper, each at a price named here (import.bench.js prints these beside the numbers).
export const FLOOR_VARIANTS = {
  'as shipped': 'the schema and settings the catalogue has today',
  'time-ordered ids': 'course ids that grow with time (a ULID-like counter) instead of random ones, so the unique id index is appended to',
  'no fsync':
    '`PRAGMA synchronous = OFF` for the import: the commit and its checkpoint skip fsync, so a power cut can lose or corrupt the import',
  'no course facts':
    'without `course_facts` (the narrow copy of the filter columns text searches read): they would read the wide course rows again (issue 2 latency)',
  'FTS detail=column':
    'the full-text index without token positions: a search word the tokenizer splits (e-commerce) becomes a phrase it cannot answer, and ranking counts a word once per field',
  'all four': 'every change above at once',
} as const;
export type FloorVariant = keyof typeof FLOOR_VARIANTS;
