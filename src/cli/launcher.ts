import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { commandWords } from './commandWord.js';

/*
 * Runs the CLI bundle (dist/main.cjs: a CommonJS module already in its wrapper function, see
 * scripts/build.mjs) compiled with a V8 code cache. Node 20 has no compile
 * cache of its own (module.enableCompileCache came with Node 22), and parsing and compiling the
 * bundle is a large share of a short command's start-up. The cache is written after a run that
 * had none (it then holds every function that run compiled) beside the bundle, or in the user's
 * cache folder when dist/ is read-only. Anything wrong with it (missing, unreadable, from another
 * build or another Node, corrupt) means compiling from source as if there were none.
 */

/** The bundle's first line: `// catalog-bundle <sha256 of the bundle>`, written by scripts/build.mjs. */
export const BUNDLE_ID_PREFIX = '// catalog-bundle ';

/** Which bundle file a cache was made from: its content, and its size and time in case it was edited. */
interface CacheKey {
  bundle: string;
  size: number;
  mtimeMs: number;
}

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** Where the cache in use came from, or null when the bundle compiled from source. */
  cacheFile: string | null;
  /** Writes a cache when none was used (to `cacheFiles` if given); never throws. */
  saveCache: (cacheFiles?: string[]) => void;
}

/**
 * The cache files to try, in order: beside the bundle, then under the user's cache folder. A
 * cache holds what one run compiled, so each command keeps its own (`kind`): a search started
 * from a cache made by `seed` would compile most of its own functions again.
 */
export function cacheFilesFor(bundlePath: string, env: NodeJS.ProcessEnv = process.env, kind?: string): string[] {
  const besideBundle = `${bundlePath}${kind ? `.${kind}` : ''}.cache`;
  let userCache = env.XDG_CACHE_HOME;
  if (!userCache || !path.isAbsolute(userCache)) {
    try {
      userCache = path.join(os.homedir(), '.cache');
    } catch {
      return [besideBundle];
    }
  }
  return [besideBundle, path.join(userCache, 'catalog', besideBundle.replace(/[^A-Za-z0-9.-]+/g, '_'))];
}

function readCache(file: string, key: CacheKey): Buffer | undefined {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const headerEnd = content.indexOf(10);
  if (headerEnd < 0 || headerEnd > 1024) return undefined;
  try {
    const header = JSON.parse(content.toString('latin1', 0, headerEnd)) as Partial<CacheKey>;
    if (header.bundle !== key.bundle || header.size !== key.size || header.mtimeMs !== key.mtimeMs) return undefined;
  } catch {
    return undefined;
  }
  return content.subarray(headerEnd + 1);
}

function writeCache(files: string[], key: CacheKey, data: Buffer): void {
  const header = Buffer.from(`${JSON.stringify(key)}\n`, 'latin1');
  for (const file of files) {
    // Written aside and renamed, so a reader never sees half a file.
    const partial = `${file}.${process.pid}.partial`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(partial, Buffer.concat([header, data]));
      fs.renameSync(partial, file);
      return;
    } catch {
      try {
        fs.rmSync(partial, { force: true });
      } catch {
        // nothing was written there
      }
    }
  }
}

/** Compiles and runs a CommonJS bundle with a code cache from one of `cacheFiles`, if any fits. */
export function loadBundle(bundlePath: string, cacheFiles: string[] = cacheFilesFor(bundlePath)): LoadedBundle {
  const source = fs.readFileSync(bundlePath, 'utf8');
  const stat = fs.statSync(bundlePath);
  const firstLine = source.slice(0, source.indexOf('\n'));
  const key: CacheKey | undefined = firstLine.startsWith(BUNDLE_ID_PREFIX)
    ? { bundle: firstLine.slice(BUNDLE_ID_PREFIX.length).trim(), size: stat.size, mtimeMs: stat.mtimeMs }
    : undefined;

  let cacheFile: string | null = null;
  const script = withCacheChecksums(() => {
    for (const file of key ? cacheFiles : []) {
      const cachedData = readCache(file, key!);
      if (!cachedData) continue;
      // Refused (another Node, damaged): V8 has compiled from source instead, so keep that.
      const compiled = compile(source, bundlePath, cachedData);
      if (!compiled.cachedDataRejected) cacheFile = file;
      return compiled;
    }
    return compile(source, bundlePath);
  });

  const module = { exports: {} as Record<string, unknown> };
  const required: LoadedBundle[] = [];
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, requireWithBundles(bundlePath, required), module, bundlePath, path.dirname(bundlePath));
  return {
    exports: module.exports,
    cacheFile,
    saveCache: (saveTo = cacheFiles) => {
      for (const bundle of required) bundle.saveCache();
      if (cacheFile || !key) return;
      try {
        writeCache(
          saveTo,
          key,
          withCacheChecksums(() => script.createCachedData()),
        );
      } catch {
        // A cache is only ever a shortcut.
      }
    },
  };
}

/**
 * The bundle's require(). The bundles it requires by relative path (dist/vendor/*.cjs, built
 * like it) load like it, each with its own code cache; everything else as Node would.
 */
function requireWithBundles(bundlePath: string, required: LoadedBundle[]): NodeJS.Require {
  const plain = createRequire(bundlePath);
  const loaded = new Map<string, LoadedBundle>();
  const bundleRequire = (id: string): unknown => {
    if (!(id.startsWith('./') && id.endsWith('.cjs'))) return plain(id);
    const file = path.join(path.dirname(bundlePath), id);
    let bundle = loaded.get(file);
    if (!bundle) {
      bundle = loadBundle(file);
      loaded.set(file, bundle);
      required.push(bundle);
    }
    return bundle.exports;
  };
  return Object.assign(bundleRequire, { resolve: plain.resolve, cache: plain.cache, main: plain.main, extensions: plain.extensions });
}

/**
 * V8 checks a cache's version, flags and source length, but its contents only with this flag:
 * without it a damaged cache crashes the process instead of being refused. Only while making or
 * reading our cache: the flag is part of what every code cache is checked against, Node's own
 * for its built-in modules included, which it would otherwise refuse (3 times slower to load).
 */
function withCacheChecksums<T>(work: () => T): T {
  v8.setFlagsFromString('--verify-snapshot-checksum');
  try {
    return work();
  } finally {
    v8.setFlagsFromString('--no-verify-snapshot-checksum');
  }
}

function compile(source: string, filename: string, cachedData?: Buffer): vm.Script {
  return new vm.Script(source, {
    filename,
    ...(cachedData && { cachedData }),
    // cosmiconfig import()s a .catalogrc.js or .mjs; resolve it as any module would be.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
}

/** The cache of runs that name no command: help, the version. */
const OTHER = 'other';

/**
 * bin/catalog.js: run the CLI from the bundle with the code cache of the command asked for, and
 * leave one for the next run of the command that ran (the bundle's main() says which). Only
 * after a success: one that stopped early holds less than the next run needs.
 */
export async function launch(bundlePath: string, args: readonly string[] = process.argv.slice(2)): Promise<void> {
  if (!fs.existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run \`npm run build\` first`);
  const words = commandWords(args);
  // `access show` or `search` (in `search baking`): the longest that names a cache.
  const kinds = words.length ? [...new Set([words.join('-'), words[0]!])] : [OTHER];
  const bundle = loadBundle(
    bundlePath,
    kinds.flatMap((kind) => cacheFilesFor(bundlePath, process.env, kind)),
  );
  const ran = await (bundle.exports.main as () => Promise<string[] | undefined>)();
  if (!process.exitCode) bundle.saveCache(cacheFilesFor(bundlePath, process.env, ran?.join('-') || OTHER));
}
