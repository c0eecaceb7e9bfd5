/**
 * Optimal string alignment distance (Damerau–Levenshtein where a swap of two neighbours counts
 * as one edit and a swapped pair is not edited again), counted in code points: the distance
 * Lucene's fuzzy query uses with `transpositions: true`. Stops early and returns `max + 1` once
 * the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > max) return max + 1;
  if (x.length === 0 || y.length === 0) return Math.max(x.length, y.length);
  const width = y.length + 1;
  let before = new Array<number>(width).fill(0); // row i-2
  let previous = Array.from({ length: width }, (_, j) => j); // row i-1
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[y.length]!, max + 1);
}
