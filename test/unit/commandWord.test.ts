import { describe, expect, it } from 'vitest';
import { commandWords } from '../../src/cli/commandWord.js';

describe('the words that may name the command a run asks for', () => {
  it.each([
    [
      ['search', 'baking', '--json'],
      ['search', 'baking'],
    ],
    [
      ['access', 'show', 'acc_123'],
      ['access', 'show'],
    ],
    [
      ['--db', 'search', 'course', 'list'],
      ['course', 'list'],
    ],
    [
      ['--config', 'x.yml', '-q', 'course', '--json', 'add'],
      ['course', 'add'],
    ],
    [['--db=catalog.db', 'init'], ['init']],
    [['search', '--max-price', '599', 'baking'], ['search']],
    [['--version'], []],
    [[], []],
    [['Search'], []],
    [['../etc/passwd', 'init'], []],
  ])('%j → %j', (args, words) => {
    expect(commandWords(args)).toEqual(words);
  });
});
