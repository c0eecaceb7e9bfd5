import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_ID_PREFIX, cacheFilesFor, loadBundle } from '../../src/cli/launcher.js';
import { tempDirectory } from '../support/tempDirectory.js';

const WRAPPER = '(function (exports, require, module, __filename, __dirname) {';

/** A small bundle shaped like dist/main.cjs: its id line, then a wrapped module with enough functions to cache. */
function writeBundle(dir: string, id: string, answer = 42): string {
  const file = path.join(dir, 'main.cjs');
  const helpers = Array.from({ length: 200 }, (_, i) => `function helper${i}(x) { return x + ${i}; }`).join('\n');
  fs.writeFileSync(
    file,
    `${BUNDLE_ID_PREFIX}${id}\n${WRAPPER}'use strict';\n${helpers}\nexports.answer = () => helper0(${answer}) + helper199(0) - 199;\n})`,
  );
  return file;
}

const run = (file: string, caches: string[]) => {
  const bundle = loadBundle(file, caches);
  return { ...bundle, answer: (bundle.exports.answer as () => number)() };
};

describe('the code cache of the CLI bundle', () => {
  it('compiles from source the first time, writes a cache, and uses it the next time', () => {
    const dir = tempDirectory();
    const file = writeBundle(dir, 'a'.repeat(64));
    const caches = cacheFilesFor(file, { XDG_CACHE_HOME: path.join(dir, 'user-cache') });
    const first = run(file, caches);
    expect(first).toMatchObject({ answer: 42, cacheFile: null });
    first.saveCache();
    expect(fs.existsSync(caches[0]!)).toBe(true);

    const second = run(file, caches);
    expect(second).toMatchObject({ answer: 42, cacheFile: caches[0] });
    second.saveCache();
    expect(fs.readdirSync(dir).sort()).toEqual(['main.cjs', 'main.cjs.cache']);
  });

  it('falls back to the user cache folder when it cannot write beside the bundle', () => {
    const dir = tempDirectory();
    const file = writeBundle(dir, 'b'.repeat(64));
    // A file where the folder should be: as unwritable as a read-only install, even for root.
    fs.writeFileSync(path.join(dir, 'blocked'), '');
    const caches = [path.join(dir, 'blocked', 'main.cjs.cache'), path.join(dir, 'user-cache', 'catalog', 'main.cache')];
    run(file, caches).saveCache();
    expect(fs.existsSync(caches[1]!)).toBe(true);
    expect(run(file, caches).cacheFile).toBe(caches[1]);
  });

  it('runs from source, silently, when nothing can be written at all', () => {
    const dir = tempDirectory();
    const file = writeBundle(dir, 'c'.repeat(64));
    fs.writeFileSync(path.join(dir, 'blocked'), '');
    const caches = [path.join(dir, 'blocked', 'a.cache'), path.join(dir, 'blocked', 'b.cache')];
    const bundle = run(file, caches);
    expect(() => bundle.saveCache()).not.toThrow();
    expect(run(file, caches)).toMatchObject({ answer: 42, cacheFile: null });
    expect(fs.readdirSync(dir).sort()).toEqual(['blocked', 'main.cjs']);
  });

  it('ignores a cache file that is not one', () => {
    const dir = tempDirectory();
    const file = writeBundle(dir, 'd'.repeat(64));
    const caches = [`${file}.cache`];
    for (const garbage of ['', 'not a cache', '{"bundle":"dddd"}\n', `${'x'.repeat(2000)}\n`]) {
      fs.writeFileSync(caches[0]!, garbage);
      expect(run(file, caches)).toMatchObject({ answer: 42, cacheFile: null });
    }
  });

  // A damaged cache, which V8 would crash on, is refused: test/e2e/codeCache.test.ts (it takes
  // fresh processes, as V8 reuses what it compiled within one).

  it('never uses a cache made from another build, even of the same length', () => {
    const dir = tempDirectory();
    const caches = [path.join(dir, 'main.cjs.cache')];
    run(writeBundle(dir, 'e'.repeat(64), 42), caches).saveCache();
    const rebuilt = writeBundle(dir, 'f'.repeat(64), 43);
    expect(run(rebuilt, caches)).toMatchObject({ answer: 43, cacheFile: null });
  });

  it('caches nothing for a bundle without its id line', () => {
    const dir = tempDirectory();
    const file = path.join(dir, 'main.cjs');
    fs.writeFileSync(file, `${WRAPPER}'use strict';\nexports.answer = () => 42;\n})`);
    const caches = [`${file}.cache`];
    run(file, caches).saveCache();
    expect(fs.existsSync(caches[0]!)).toBe(false);
  });
});
