import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCatalog } from '../support/cliRunner.js';
import { tempDirectory } from '../support/tempDirectory.js';

// The launcher's V8 code cache with real processes (one process reuses what it compiled, so a
// damaged cache would go unnoticed in-process). Runs a private copy of the built CLI, so the
// shared dist/ and its cache stay untouched.
describe('the CLI with its code cache (end to end)', () => {
  const install = tempDirectory('catalog-install-');
  const work = tempDirectory();
  const userCache = path.join(install, 'user-cache');
  const cacheBesideBundle = path.join(install, 'dist', 'main.cjs.search.cache');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    NO_COLOR: '1',
    TZ: 'UTC',
    CATALOG_NOW: '2026-11-25T06:30:00Z',
    XDG_CACHE_HOME: userCache,
  };
  const search = () => {
    const result = spawnSync(process.execPath, [path.join(install, 'bin', 'catalog.js'), 'search', 'sourdough', '--json'], {
      cwd: work,
      env,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    return result.stdout;
  };
  let expected = '';

  beforeAll(() => {
    for (const folder of ['bin', 'dist']) {
      fs.cpSync(path.join(REPO_ROOT, folder), path.join(install, folder), {
        recursive: true,
        filter: (source) => !source.endsWith('.cache'),
      });
    }
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(install, 'node_modules'));
    const run = (args: string[]) => runCatalog(args, { cwd: work, env: { CATALOG_NOW: env.CATALOG_NOW } });
    expect(run(['init']).code).toBe(0);
    const added = run([
      'course',
      'add',
      '--title',
      'Sourdough at Home',
      '--description',
      'Starter, shaping, baking.',
      '--teacher',
      'Meera Iyer',
      '--category',
      'Baking',
      '--price',
      '799',
      '--start',
      '2027-10-04',
      '--end',
      '2027-10-08',
      '--seats',
      '12',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expected = run(['search', 'sourdough', '--json']).stdout;
    expect(JSON.parse(expected)).toMatchObject({ total: 1 });
  });

  it('writes a cache beside the bundle after the first run and keeps using it', () => {
    expect(search()).toBe(expected);
    // The work folder has a .catalogrc (from init): cosmiconfig, bundled apart, gets one too.
    expect(fs.existsSync(path.join(install, 'dist', 'vendor', 'cosmiconfig.cjs.cache'))).toBe(true);
    const written = fs.readFileSync(cacheBesideBundle);
    const { mtimeMs } = fs.statSync(cacheBesideBundle);
    expect(search()).toBe(expected);
    expect(fs.statSync(cacheBesideBundle).mtimeMs).toBe(mtimeMs);
    expect(fs.readFileSync(cacheBesideBundle).equals(written)).toBe(true);
  });

  it('keeps a cache for each command that ran, under the command commander ran', () => {
    const version = () =>
      spawnSync(process.execPath, [path.join(install, 'bin', 'catalog.js'), '--version'], { cwd: work, env, encoding: 'utf8' });
    expect(version().status).toBe(0);
    const failed = spawnSync(process.execPath, [path.join(install, 'bin', 'catalog.js'), 'search', '--limit', 'x'], { cwd: work, env });
    expect(failed.status).toBe(2);
    const courseList = spawnSync(
      process.execPath,
      [path.join(install, 'bin', 'catalog.js'), '--db', 'catalog.db', 'course', 'list', '--json'],
      {
        cwd: work,
        env,
      },
    );
    expect(courseList.status, String(courseList.stderr)).toBe(0);
    // No cache for a word that only looked like a command, nor for a run that failed.
    expect(
      fs
        .readdirSync(path.join(install, 'dist'))
        .filter((name) => name.endsWith('.cache'))
        .sort(),
    ).toEqual(['main.cjs.course-list.cache', 'main.cjs.other.cache', 'main.cjs.search.cache']);
  });

  it('answers the same from a damaged or cut cache, and replaces it', () => {
    const good = fs.readFileSync(cacheBesideBundle);
    const damaged = Buffer.from(good);
    for (let at = good.indexOf(10) + 100; at < damaged.length; at += 499) damaged[at]! ^= 0x5a;
    for (const bad of [damaged, good.subarray(0, good.length >> 1), Buffer.from('garbage')]) {
      fs.writeFileSync(cacheBesideBundle, bad);
      expect(search()).toBe(expected);
      expect(fs.readFileSync(cacheBesideBundle).equals(bad)).toBe(false);
    }
  });

  it('keeps its cache in the user cache folder when it cannot write beside the bundle', () => {
    fs.rmSync(cacheBesideBundle);
    fs.mkdirSync(cacheBesideBundle);
    expect(search()).toBe(expected);
    const [cached] = fs.readdirSync(path.join(userCache, 'catalog'));
    expect(cached).toMatch(/main\.cjs\.search\.cache$/);
    const { mtimeMs } = fs.statSync(path.join(userCache, 'catalog', cached!));
    expect(search()).toBe(expected);
    expect(fs.statSync(path.join(userCache, 'catalog', cached!)).mtimeMs).toBe(mtimeMs);
  });
});
