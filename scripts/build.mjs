// Bundles the CLI with esbuild. Node 20 spends most of a short command's life resolving and
// loading hundreds of small ESM/CJS files; one bundle (split so that rarely used commands
// stay in chunks loaded on demand) starts in less than half the time. Type checking is tsc's
// job (`npm run typecheck`); this only transpiles.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // A native addon must load from node_modules; typescript is only for cosmiconfig's optional
  // catalog.config.ts support and would add 10 MB to parse on every start.
  external: ['better-sqlite3', 'typescript'],
  // Bundled CommonJS dependencies call require(); give them a real one.
  banner: { js: "import { createRequire as __catalogRequire } from 'node:module'; const require = __catalogRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
