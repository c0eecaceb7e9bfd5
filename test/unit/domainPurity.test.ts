import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DOMAIN = path.resolve(__dirname, '../../src/domain');

/** What would make a domain function depend on the machine it runs on rather than on its arguments. */
const IMPURE: [RegExp, string][] = [
  [/from '(node:)?(crypto|fs|os|path|child_process|worker_threads|net|http|https|url|stream|zlib)(\/[a-z]+)?'/, 'a Node module'],
  [/from '\.\.?\/(\.\.\/)*(store|services|cli|web|search|sync|storage|security|config)\//, 'a layer above the domain'],
  [/\bprocess\.(env|stdout|stderr|argv|exit|cwd)\b/, 'process state'],
  [/\bDate\.now\(\)|\bnew Date\(\)/, 'the wall clock (take `now` as an argument)'],
  [/\bMath\.random\(\)/, 'randomness (take ids or tokens as arguments; src/security/ makes them)'],
  [/\bBuffer\./, 'a Node Buffer'],
];

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('src/domain is pure', () => {
  const files = sourceFiles(DOMAIN);

  it('reads every domain file (the guard is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((file) => file.endsWith('courseRules.ts'))).toBe(true);
  });

  it('imports no Node module or outer layer, and reads no clock, randomness or process state', () => {
    const problems: string[] = [];
    for (const file of files) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        for (const [pattern, what] of IMPURE)
          if (pattern.test(line)) problems.push(`${path.relative(DOMAIN, file)}:${i + 1} uses ${what}: ${line.trim()}`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('the guard catches what it is for', () => {
    const caught = (line: string) => IMPURE.some(([pattern]) => pattern.test(line));
    expect(caught("import { randomBytes } from 'node:crypto';")).toBe(true);
    expect(caught("import { openDatabase } from '../store/database.js';")).toBe(true);
    expect(caught('const now = Date.now();')).toBe(true);
    expect(caught("const zone = process.env.TZ ?? 'UTC';")).toBe(true);
    expect(caught("import type { Paise } from './money.js';")).toBe(false);
  });
});
