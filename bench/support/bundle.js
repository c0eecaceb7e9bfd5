// Benchmarks measure the real sources in-process, not through the CLI bundle (which exposes only
// main). This bundles one TypeScript entry with esbuild into node_modules/.cache (so the bundle
// still resolves better-sqlite3, a native addon kept external) and returns its path.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));

export async function bundleForBench(entry) {
  const { build } = await import('esbuild');
  const outfile = path.join(ROOT, 'node_modules', '.cache', 'catalog-bench', `${path.basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3', 'typescript'],
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

/** Median and 95th percentile of a list of milliseconds. */
export function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}
