import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { CATALOG_BIN } from '../support/cliRunner.js';
import { eventually } from '../support/eventually.js';

export interface StorefrontProcess {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far (its log). */
  log(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `catalog serve --port 0` as a user runs it: the built binary, in `cwd`, on a free port found
 * from the line it prints. Stopped by the caller (afterAll).
 */
export async function startStorefrontProcess(
  cwd: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<StorefrontProcess> {
  const child = spawn(process.execPath, [CATALOG_BIN, 'serve', '--port', '0', ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => (ended = true));
  const url = await eventually(
    () => {
      if (ended) throw new Error(`catalog serve exited early:\n${stderr}${stdout}`);
      return /Storefront on (http:\/\/\S+)/.exec(stderr)?.[1];
    },
    { what: 'catalog serve to listen', timeoutMs: 30_000 },
  );
  return {
    url,
    child,
    log: () => stderr,
    stop: async () => {
      if (!ended) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Reads a Server-Sent Events stream as it arrives: every event so far, and a way to close it. */
export interface EventStream {
  events: { id?: string; event: string; data: string }[];
  closed: boolean;
  close(): void;
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  const stream: EventStream = { events: [], closed: false, close: () => controller.abort() };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon <= 0) continue;
            fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (fields.data !== undefined)
            stream.events.push({ ...(fields.id && { id: fields.id }), event: fields.event ?? 'message', data: fields.data });
        }
      }
    } catch {
      // aborted by close(), or the server ended the stream
    }
    stream.closed = true;
  })();
  return stream;
}
