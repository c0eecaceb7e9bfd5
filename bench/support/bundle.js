// Benchmarks measure the real sources in-process, not through the CLI bundle (which exposes only
// main). This bundles one TypeScript entry with esbuild into node_modules/.cache (so the bundle
// still resolves better-sqlite3, a native addon kept external) and returns its path.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));

export async function bundleForBench(entry) {
  const { build } = await import('esbuild');
  const { NODE_BUNDLE } = await import('../../scripts/build.mjs');
  const outfile = path.join(ROOT, 'node_modules', '.cache', 'catalog-bench', `${path.basename(entry, '.ts')}.mjs`);
  await build({ ...NODE_BUNDLE, entryPoints: [path.join(ROOT, entry)], outfile });
  return outfile;
}

/** The number after `--name` on the command line, or the fallback. */
export function numberFlag(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

/** Median and 95th percentile of a list of milliseconds. */
export function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}
