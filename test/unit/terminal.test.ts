import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { styled } from '../../src/cli/terminal.js';

describe('message styles', () => {
  const chalk = new Chalk({ level: 1 });

  it('writes exactly what chalk writes, nested styles and line breaks included', () => {
    const texts = [
      '✖',
      '  hint:',
      'line one\nline two',
      'a\r\nb',
      `x ${chalk.bold('bold')} y ${chalk.dim('dim')} z`,
      `${chalk.red('in')}${chalk.green('side')}`,
      '',
    ];
    for (const style of ['red', 'green', 'yellow', 'dim', 'bold'] as const) {
      for (const text of texts) expect(styled({ color: true }, style, text), `${style} ${JSON.stringify(text)}`).toBe(chalk[style](text));
    }
  });

  it('is plain text without colour', () => {
    expect(styled({ color: false }, 'red', 'line one\nline two')).toBe('line one\nline two');
  });
});
