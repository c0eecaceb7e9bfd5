import chalk from 'chalk';

/**
 * What kind of terminal we talk to. Colour and animation only on a TTY without NO_COLOR;
 * prompts only when a person can answer (TTY in and out, not CI, no --no-input).
 */
export interface Terminal {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  color: boolean;
  /** stdout is a terminal: tables for people rather than plain lines for pipes. */
  tty: boolean;
  canPrompt: boolean;
}

export function detectTerminal(options: { noInput?: boolean } = {}, env: NodeJS.ProcessEnv = process.env): Terminal {
  const tty = Boolean(process.stdout.isTTY);
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  const color = tty && !('NO_COLOR' in env) && env.TERM !== 'dumb';
  chalk.level = color ? Math.max(chalk.level, 1) as 1 | 2 | 3 : 0;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    color,
    tty,
    canPrompt: !options.noInput && !ci && Boolean(process.stdin.isTTY) && tty,
  };
}

export function printJson(terminal: Terminal, value: unknown): void {
  terminal.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Messages go to stderr so stdout stays data a script can parse. */
export function say(terminal: Terminal, message: string): void {
  terminal.stderr.write(`${message}\n`);
}

export function success(terminal: Terminal, message: string): void {
  say(terminal, `${chalk.green('✔')} ${message}`);
}

export function warn(terminal: Terminal, message: string): void {
  say(terminal, `${chalk.yellow('!')} ${message}`);
}
