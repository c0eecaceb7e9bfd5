// Bundles the CLI with esbuild. Node 20 spends most of a short command's life resolving and
// loading hundreds of small ESM/CJS files; one bundle (split so that rarely used commands
// stay in chunks loaded on demand) starts in less than half the time. Type checking is tsc's
// job (`npm run typecheck`); this only transpiles.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** How every bundle of our sources is made: for the CLI here, and for benchmarks' workers. */
export const NODE_BUNDLE = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // A native addon must load from node_modules; typescript is only for cosmiconfig's optional
  // catalog.config.ts support and would add 10 MB to parse on every start.
  external: ['better-sqlite3', 'typescript'],
  // Bundled CommonJS dependencies call require(); give them a real one.
  banner: { js: "import { createRequire as __catalogRequire } from 'node:module'; const require = __catalogRequire(import.meta.url);" },
  logLevel: 'warning',
};

export async function buildCli() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  // Build beside dist and swap it in, so a test run that spawns the CLI meanwhile never sees
  // a half-written bundle.
  const next = `${root}dist.next-${process.pid}`;
  await build({
    // The import's reading thread is its own entry (dist/checked-rows-worker.js), sharing chunks.
    entryPoints: { main: `${root}src/cli/main.ts`, 'checked-rows-worker': `${root}src/services/import/checkedRowsWorker.ts` },
    ...NODE_BUNDLE,
    outdir: next,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    legalComments: 'none',
  });
  const old = `${root}dist.old-${process.pid}`;
  try {
    renameSync(`${root}dist`, old);
  } catch {
    // no previous build
  }
  renameSync(next, `${root}dist`);
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
