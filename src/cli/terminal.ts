import fs from 'node:fs';
import { isatty } from 'node:tty';
import { ExitCode } from '../errors.js';

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
  /** --quiet: no progress or success messages on stderr; warnings, errors and data still come. */
  quiet: boolean;
  /** How many characters a line of stdout holds: the terminal's width, COLUMNS, or unknown. */
  readonly width: number | undefined;
}

/** Colour on stdout: a terminal, and neither NO_COLOR nor TERM=dumb. */
export function wantsColor(env: NodeJS.ProcessEnv = process.env): boolean {
  return isatty(1) && !('NO_COLOR' in env) && env.TERM !== 'dumb';
}

export function detectTerminal(options: { noInput?: boolean; quiet?: boolean } = {}, env: NodeJS.ProcessEnv = process.env): Terminal {
  // isatty rather than process.stdin/stdout.isTTY: those build the streams, and building one on
  // stdin is start-up time a --json search never needs (bench/results/decisions.md). The
  // streams come on first write.
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
    quiet: options.quiet ?? false,
    get width() {
      const columns = Number(env.COLUMNS);
      if (Number.isInteger(columns) && columns > 0) return columns;
      return tty ? process.stdout.columns || 80 : undefined;
    },
  };
}

const STYLES = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22] } as const;

/**
 * Text in one of the styles messages use, with exactly chalk's escape codes (nested styles and
 * line breaks included; test/unit/terminal.test.ts holds it to chalk); plain when the terminal
 * has no colour. A copy kept on purpose: importing chalk here would load it in every command,
 * and the search benchmark's start-up ratio, already near its 2.5× ceiling, got measurably
 * worse with it (bench/results/decisions.md). Tables and prompts load chalk itself (style.ts).
 */
export function styled(terminal: Pick<Terminal, 'color'>, style: keyof typeof STYLES, text: string): string {
  if (!terminal.color || !text) return text;
  const open = `\u001B[${STYLES[style][0]}m`;
  const close = `\u001B[${STYLES[style][1]}m`;
  let body = text.includes('\u001B') ? text.replaceAll(close, `${close}${open}`) : text;
  if (body.includes('\n')) body = body.replace(/\r?\n/g, (lineBreak) => `${close}${lineBreak}${open}`);
  return `${open}${body}${close}`;
}

/**
 * Writes data to stdout and resolves once it is handed to the reader, so a message printed
 * after it (a count, a page summary) never follows data nobody read: if the reader has gone,
 * this never resolves and main.ts ends the process quietly.
 */
export function printData(terminal: Terminal, text: string): Promise<void> {
  const rest = terminal.tty ? text : writeToPipeOrFile(text);
  if (!rest) return Promise.resolve();
  return new Promise((resolve) => {
    terminal.stdout.write(rest, (error) => {
      if (!error) resolve();
    });
  });
}

/**
 * Writes to stdout, a pipe or a file, with the system call itself rather than through
 * process.stdout: making that stream (with the net, tty and stream modules under it) is
 * start-up time a `--json` search never needs otherwise (bench/results/decisions.md). Returns
 * what is left when the pipe will not take more now (EAGAIN: a reader that set it non-blocking)
 * for the stream to write; a reader that has gone ends the process quietly, as main.ts does.
 */
function writeToPipeOrFile(text: string): string {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += fs.writeSync(1, bytes, written);
    return '';
  } catch (error) {
    if (isClosedOutput(error)) process.exit(ExitCode.ok);
    // Or no stdout at all (EBADF): the stream knows what to do with each.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN' || code === 'EBADF') return bytes.subarray(written).toString();
    throw error;
  }
}

export function printJson(terminal: Terminal, value: unknown): Promise<void> {
  return printData(terminal, `${JSON.stringify(value, null, 2)}\n`);
}

/** A write to a stdout or stderr whose reader has gone (`catalog course list | head -5`). */
export function isClosedOutput(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/**
 * Whether stdout's reader has gone. Node reports a failed write a tick later (main.ts then ends
 * the process quietly), but marks the stream at once: messages the command prints meanwhile
 * ("2000 courses") are dropped, so nothing follows the data that nobody read.
 */
export function outputClosed(): boolean {
  const { errored } = process.stdout as { errored?: Error | null };
  return errored != null && isClosedOutput(errored);
}

/** Messages go to stderr so stdout stays data a script can parse; --quiet silences them. */
export function say(terminal: Terminal, message: string): void {
  if (!terminal.quiet && !outputClosed()) terminal.stderr.write(`${message}\n`);
}

export function success(terminal: Terminal, message: string): void {
  say(terminal, `${styled(terminal, 'green', '✔')} ${message}`);
}

/** Something the user should know even with --quiet. */
export function warn(terminal: Terminal, message: string): void {
  if (!outputClosed()) terminal.stderr.write(`${styled(terminal, 'yellow', '!')} ${message}\n`);
}
