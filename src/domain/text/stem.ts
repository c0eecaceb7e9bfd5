import { stemmer } from 'stemmer';

/**
 * English word forms to one stem (Porter's algorithm: "baking", "baked", "bakes" → "bake"), for
 * plain Latin words only: a word with digits ("html5"), a technology token ("c++", "nodejs") or
 * another script is its own stem.
 *
 * A catalogue repeats a few thousand words millions of times, so stems are remembered; the
 * memory is bounded and simply starts over when full.
 */
const STEMMABLE = /^[a-z]{3,}$/;
/** `nodejs` is a name, not a plural. */
const NAME_ENDING = /js$/;
const MEMORY_LIMIT = 50_000;
let memory = new Map<string, string>();

export function stem(word: string): string {
  const known = memory.get(word);
  if (known !== undefined) return known;
  const result = STEMMABLE.test(word) && !NAME_ENDING.test(word) ? stemmer(word) : word;
  if (memory.size >= MEMORY_LIMIT) memory = new Map();
  memory.set(word, result);
  return result;
}
