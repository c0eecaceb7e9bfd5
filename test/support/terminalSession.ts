import { spawn, spawnSync } from 'node:child_process';
import { CATALOG_BIN } from './cliRunner.js';

/**
 * Runs the real `catalog` binary on a pseudo-terminal, so prompts are driven by keystrokes the
 * way a person types them. Python's standard pty module does the terminal part (it is on every
 * machine this project runs on; no npm dependency). The bridge copies our writes to the
 * terminal and the terminal's output back, and exits with the child's exit code.
 */
const BRIDGE = `
import os, pty, sys, select, fcntl, termios, struct
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 50, int(os.environ.get('TERMINAL_COLUMNS', '160')), 0, 0))
reading = True
while True:
    r, _, _ = select.select([fd] + ([0] if reading else []), [], [])
    if fd in r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        os.write(1, data)
    if 0 in r:
        data = os.read(0, 65536)
        if data:
            os.write(fd, data)
        else:
            reading = False
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
`;

export const KEY = { enter: '\r', clearLine: '\u0015', ctrlC: '\u0003' } as const;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][A-Z0-9]|\r/g;

export interface TerminalSession {
  /** Everything shown so far, without colour and cursor codes. */
  screen(): string;
  /** Waits until `text` appears after what earlier waits consumed; fails with the screen on timeout. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  type(keys: string): void;
  /** Clears the line (Ctrl-U: a prompt may hold a default or a rejected answer), types `text`, presses Enter. */
  answer(text: string): void;
  /** A dialogue: for each step, waits for the text, then answers. */
  converse(steps: [expect: string | RegExp, answer: string][]): Promise<void>;
  exit(): Promise<{ code: number; screen: string }>;
}

export function requirePython(): void {
  const probe = spawnSync('python3', ['-c', 'import pty, termios'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error('prompt tests drive a pseudo-terminal through python3 (pty module); install python3');
}

export function startInTerminal(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; columns?: number }): TerminalSession {
  // A person's terminal (160 columns unless asked): not CI, a real TERM; TZ pinned like the other end-to-end tests.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TERM: 'xterm-256color',
    TZ: 'UTC',
    TERMINAL_COLUMNS: String(options.columns ?? 160),
    ...options.env,
  };
  const child = spawn('python3', ['-c', BRIDGE, process.execPath, CATALOG_BIN, ...args], { cwd: options.cwd, env });
  let raw = '';
  let consumed = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  const screen = () => raw.replace(ANSI, '');

  return {
    screen,
    async waitFor(text, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const rest = screen().slice(consumed);
        const match =
          typeof text === 'string'
            ? { index: rest.indexOf(text), length: text.length }
            : ((m) => (m ? { index: m.index, length: m[0].length } : { index: -1, length: 0 }))(text.exec(rest));
        if (match.index !== -1) {
          consumed += match.index + match.length;
          return;
        }
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`timed out waiting for ${String(text)} on the terminal; it shows:\n${screen().slice(-3000)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    type(keys) {
      child.stdin.write(keys);
    },
    answer(text) {
      child.stdin.write(KEY.clearLine + text + KEY.enter);
    },
    async converse(steps) {
      for (const [expected, answer] of steps) {
        await this.waitFor(expected);
        this.answer(answer);
      }
    },
    async exit() {
      child.stdin.end();
      const code = await exited;
      return { code, screen: screen() };
    },
  };
}
