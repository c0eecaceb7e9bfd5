import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { checkFlagValues, looksLikeFlag } from '../../src/cli/flagValues.js';
import { UsageError } from '../../src/errors.js';

describe('a flag value that looks like a flag (issue 10, item 16)', () => {
  const program = buildProgram();

  it('tells flags from values that start with a dash', () => {
    expect(looksLikeFlag('--version')).toBe(true);
    expect(looksLikeFlag('-h')).toBe(true);
    expect(looksLikeFlag('-100')).toBe(false);
    expect(looksLikeFlag('-')).toBe(false);
    expect(looksLikeFlag('Meera')).toBe(false);
  });

  it('refuses a value-taking flag followed by another flag, on any command of the tree', () => {
    expect(() => checkFlagValues(program, ['course', 'add', '--title', '--version'])).toThrow(UsageError);
    expect(() => checkFlagValues(program, ['--db', '--help'])).toThrow(/--db needs a value/);
    expect(() => checkFlagValues(program, ['registrations', 'list', '--course', '--json'])).toThrow(/--course needs a value/);
  });

  it('lets through values, negative numbers, --flag=value, switches and everything after --', () => {
    expect(() => checkFlagValues(program, ['course', 'add', '--title', 'Bread', '--json'])).not.toThrow();
    expect(() => checkFlagValues(program, ['course', 'add', '--price', '-100'])).not.toThrow();
    expect(() => checkFlagValues(program, ['course', 'add', '--title=--odd', '--json'])).not.toThrow();
    expect(() => checkFlagValues(program, ['search', '--available', '--json'])).not.toThrow();
    expect(() => checkFlagValues(program, ['search', '--', '--title', '--version'])).not.toThrow();
  });
});
