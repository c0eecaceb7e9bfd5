import { isatty } from 'node:tty';

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

/** Colour on stdout: a terminal, and neither NO_COLOR nor TERM=dumb. */
export function wantsColor(env: NodeJS.ProcessEnv = process.env): boolean {
  return isatty(1) && !('NO_COLOR' in env) && env.TERM !== 'dumb';
}

export function detectTerminal(options: { noInput?: boolean } = {}, env: NodeJS.ProcessEnv = process.env): Terminal {
  // isatty rather than process.stdin/stdout.isTTY: those build the streams, and a stream on
  // stdin costs a --json search 5 ms for nothing. The streams come on first write.
  const tty = isatty(1);
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return {
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    color: wantsColor(env),
    tty,
    canPrompt: !options.noInput && !ci && isatty(0) && tty,
  };
}

const STYLES = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22] } as const;

/**
 * Text in one of the styles messages use, with exactly chalk's escape codes (nested styles and
 * line breaks included); plain when the terminal has no colour. Messages do not load chalk, so
 * commands that print only data and messages never pay for it (tables and prompts still do).
 */
export function styled(terminal: Pick<Terminal, 'color'>, style: keyof typeof STYLES, text: string): string {
  if (!terminal.color || !text) return text;
  const open = `\u001B[${STYLES[style][0]}m`;
  const close = `\u001B[${STYLES[style][1]}m`;
  let body = text.includes('\u001B') ? text.replaceAll(close, `${close}${open}`) : text;
  if (body.includes('\n')) body = body.replace(/\r?\n/g, (lineBreak) => `${close}${lineBreak}${open}`);
  return `${open}${body}${close}`;
}

export function printJson(terminal: Terminal, value: unknown): void {
  terminal.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Messages go to stderr so stdout stays data a script can parse. */
export function say(terminal: Terminal, message: string): void {
  terminal.stderr.write(`${message}\n`);
}

export function success(terminal: Terminal, message: string): void {
  say(terminal, `${styled(terminal, 'green', '✔')} ${message}`);
}

export function warn(terminal: Terminal, message: string): void {
  say(terminal, `${styled(terminal, 'yellow', '!')} ${message}`);
}
