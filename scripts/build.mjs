// Bundles the CLI with esbuild. Node 20 spends most of a short command's life resolving and
// loading hundreds of small ESM/CJS files, then compiling them. The CLI is one CommonJS bundle,
// dist/main.cjs, which bin/catalog.js (through dist/launcher.cjs) compiles with a V8 code cache:
// ES modules cannot use one on Node 20. Large dependencies that only a few commands use are
// bundled apart in dist/vendor/ and loaded by those commands. Type checking is tsc's job
// (`npm run typecheck`); this only transpiles.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sqliteBindings = fileURLToPath(new URL('./bundle/sqliteBindings.cjs', import.meta.url));

/**
 * better-sqlite3's JavaScript goes into the bundle; its native addon still loads from
 * node_modules, found by scripts/bundle/sqliteBindings.cjs instead of the `bindings` package.
 */
const sqliteAddonFromNodeModules = {
  name: 'sqlite-addon-from-node-modules',
  setup(build) {
    build.onResolve({ filter: /^bindings$/ }, (args) =>
      args.importer === sqliteBindings ? { path: 'bindings', external: true } : { path: sqliteBindings },
    );
    build.onResolve({ filter: /^better-sqlite3\/package\.json$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** How every bundle of our sources is made: for the CLI here, and for benchmarks' workers. */
export const NODE_BUNDLE = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // typescript is only for cosmiconfig's optional catalog.config.ts support and would add 10 MB
  // to parse on every start.
  external: ['typescript'],
  plugins: [sqliteAddonFromNodeModules],
  // Bundled CommonJS dependencies call require(); give them a real one.
  banner: { js: "import { createRequire as __catalogRequire } from 'node:module'; const require = __catalogRequire(import.meta.url);" },
  logLevel: 'warning',
};

/**
 * Packages bundled apart into dist/vendor/<file>.cjs: large and used by a few commands only, so
 * the others neither read nor compile them. Only the names listed can be imported from them (the
 * build fails naming a missing one); '*' passes a CommonJS package's exports through whole.
 */
const VENDORED = {
  // 2.6 MB with undici and apache-arrow: sync, reindex, search on Elasticsearch.
  '@elastic/elasticsearch': { file: 'elasticsearch', names: '*' },
  // 0.6 MB: seed.
  '@faker-js/faker': { file: 'faker', names: ['Faker', 'base', 'en', 'en_IN'] },
  // 0.2 MB with js-yaml: only when there is a configuration file to read.
  cosmiconfig: { file: 'cosmiconfig', names: ['cosmiconfig'] },
  // 0.1 MB each or less: import, export, prompts, sync.
  'csv-parse': { file: 'csv-parse', names: ['CsvError', 'parse'] },
  'csv-stringify/sync': { file: 'csv-stringify', names: ['stringify'] },
  '@inquirer/prompts': { file: 'prompts', names: ['checkbox', 'confirm', 'input', 'select'] },
  // 0.1 MB: assessment and answers files written in YAML.
  yaml: { file: 'yaml', names: ['LineCounter', 'parseDocument'] },
  'p-queue': { file: 'p-queue', names: ['default'] },
  // ESM-only (file-type 21, the last major for Node 20), bundled to CommonJS here: material add.
  'file-type': { file: 'file-type', names: ['fileTypeFromBuffer'] },
};

/**
 * Our own modules bundled apart the same way, as a whole: src/web/framework.ts re-exports the
 * HTTP framework and its plugins, which only `catalog serve` needs (dist/vendor/web.cjs).
 */
const VENDORED_MODULES = { 'src/web/framework.ts': 'web' };

const reexport = (names, from) => (names === '*' ? `export * from '${from}';` : `export { ${names.join(', ')} } from '${from}';`);

/** In the CLI bundle, each vendored package is a module re-exporting its names from dist/vendor/. */
const vendoredApart = {
  name: 'vendored-apart',
  setup(build) {
    const names = Object.keys(VENDORED).map((name) => name.replace(/[/@.]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'vendored' }));
    build.onLoad({ filter: /.*/, namespace: 'vendored' }, (args) => {
      const { file, names: exported } = VENDORED[args.path];
      return { contents: reexport(exported, `./vendor/${file}.cjs`), resolveDir: '.' };
    });
    build.onResolve({ filter: /^\.\/vendor\//, namespace: 'vendored' }, (args) => ({ path: args.path, external: true }));
    build.onResolve({ filter: /\.js$/ }, (args) => {
      if (args.namespace !== 'file' || !args.path.startsWith('.')) return undefined;
      const source = path
        .relative(ROOT, path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')))
        .split(path.sep)
        .join('/');
      const file = VENDORED_MODULES[source];
      return file ? { path: `./vendor/${file}.cjs`, external: true } : undefined;
    });
  },
};

/**
 * commander requires node:child_process up front for executable subcommands, which catalog has
 * none of; loading it costs every command 2 ms. Inside commander it loads on first use instead.
 */
const childProcessOnUseInCommander = {
  name: 'child-process-on-use-in-commander',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'on-use' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'on-use' }, () => ({
      contents: "let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

/** The bundle's first line names its content, so a code cache is never used with another build's. */
const BUNDLE_ID_PREFIX = '// catalog-bundle ';
const UNSET_ID = '0'.repeat(64);
const MODULE_WRAPPER = '(function (exports, require, module, __filename, __dirname) {';

/**
 * The CommonJS bundle bin/catalog.js runs (src/cli/launcher.ts), already inside the function
 * that Node would wrap a CommonJS module in: the launcher compiles the file as it is, without
 * building a second copy of its text.
 */
const CLI_BUNDLE = {
  ...NODE_BUNDLE,
  format: 'cjs',
  plugins: [sqliteAddonFromNodeModules, vendoredApart, childProcessOnUseInCommander],
  banner: {
    js: [
      `${BUNDLE_ID_PREFIX}${UNSET_ID}`,
      MODULE_WRAPPER,
      "'use strict';",
      // import.meta.url (used to find files beside the bundle) is the bundle's own URL.
      "const __catalogBundleUrl = require('node:url').pathToFileURL(__filename).href;",
    ].join('\n'),
  },
  footer: { js: '})' },
  define: { 'import.meta.url': '__catalogBundleUrl' },
  // Fewer bytes to read and keep in memory on every start; names stay, and the source map
  // leads back to the sources.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  legalComments: 'none',
};

function stampBundleId(file) {
  const content = readFileSync(file, 'utf8');
  // esbuild escapes non-ASCII text except in regular expressions and raw templates; one such
  // character makes the whole bundle a two-byte string, slower to read on every start.
  const nonAscii = /[^\x00-\x7f]/.exec(content);
  if (nonAscii && file.endsWith('main.cjs'))
    console.warn(
      `dist/${path.basename(file)} is not ASCII (…${content.slice(nonAscii.index - 30, nonAscii.index + 10)}…): write such characters as \\u escapes`,
    );
  const id = createHash('sha256').update(content).digest('hex');
  // Same length as the placeholder: the source map stays right.
  writeFileSync(file, content.replace(`${BUNDLE_ID_PREFIX}${UNSET_ID}`, `${BUNDLE_ID_PREFIX}${id}`));
}

export async function buildCli() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  // Build beside dist and swap it in, so a test run that spawns the CLI meanwhile never sees
  // a half-written bundle.
  const next = `${root}dist.next-${process.pid}`;
  await Promise.all([
    build({ ...CLI_BUNDLE, entryPoints: { main: `${root}src/cli/main.ts` }, outdir: next, outExtension: { '.js': '.cjs' } }),
    build({
      ...NODE_BUNDLE,
      format: 'cjs',
      entryPoints: { launcher: `${root}src/cli/launcher.ts` },
      outdir: next,
      outExtension: { '.js': '.cjs' },
      banner: {},
    }),
    // The import's reading thread: its own ES module bundle (dist/checked-rows-worker.js).
    build({
      ...NODE_BUNDLE,
      entryPoints: { 'checked-rows-worker': `${root}src/services/import/checkedRowsWorker.ts` },
      outdir: next,
      sourcemap: 'linked',
      legalComments: 'none',
    }),
    ...[
      ...Object.entries(VENDORED).map(([name, { file, names }]) => ({
        stdin: { contents: reexport(names, name), resolveDir: root, sourcefile: `${file}.js` },
        file,
      })),
      ...Object.entries(VENDORED_MODULES).map(([source, file]) => ({ entryPoints: [`${root}${source}`], file })),
    ].map(({ file, ...entry }) =>
      build({
        ...NODE_BUNDLE,
        format: 'cjs',
        ...entry,
        outfile: `${next}/vendor/${file}.cjs`,
        // Wrapped and stamped like main.cjs: the launcher loads them with a code cache too.
        banner: { js: `${BUNDLE_ID_PREFIX}${UNSET_ID}\n${MODULE_WRAPPER}` },
        footer: CLI_BUNDLE.footer,
        minifyWhitespace: true,
        legalComments: 'none',
      }),
    ),
  ]);
  const vendorFiles = [...Object.values(VENDORED).map(({ file }) => file), ...Object.values(VENDORED_MODULES)];
  for (const file of [`${next}/main.cjs`, ...vendorFiles.map((file) => `${next}/vendor/${file}.cjs`)]) stampBundleId(file);
  // The storefront's stylesheet, script and icons, served by `catalog serve` from dist/web/.
  cpSync(`${root}src/web/assets`, `${next}/web`, { recursive: true });
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
