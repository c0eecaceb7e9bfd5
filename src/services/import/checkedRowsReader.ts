import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readCheckedRows } from './checkedRows.js';
import type { CheckedRowSink } from './checkedRows.js';
import type { ImportFormat } from './importFormat.js';
import { replayCheckedRows } from './checkedRowEvents.js';

/** A file, read where it is parsed; or a stream (stdin), read here and passed on. */
export type ImportInput = { file: string } | { stream: Readable };

export interface CheckedRowsWorkerData {
  /** Read by the worker itself; without it the bytes arrive on the worker's stdin. */
  file: string | null;
  format: ImportFormat;
  timeZone: string;
  /** One Int32: batches posted and not yet handled by the importing thread. */
  batchesInFlight: SharedArrayBuffer;
}

/** Rows per message: fewer, larger messages cost less to pass. */
export const BATCH_ROWS = 500;
/** How far reading may run ahead of writing: 8 × 500 rows is a few MB at most. */
export const MAX_BATCHES_IN_FLIGHT = 8;

/** Large reads: fewer, bigger chunks through the UTF-8 check and the parser. */
export function openImportFile(file: string): Readable {
  return fs.createReadStream(file, { highWaterMark: 256 * 1024 });
}

/** The bundled worker (dist/checked-rows-worker.js) beside the CLI bundle (dist/main.cjs); absent when running from sources (integration tests read on their own thread). */
function workerScript(): URL | undefined {
  for (const relative of ['./checked-rows-worker.js', '../checked-rows-worker.js']) {
    const url = new URL(relative, import.meta.url);
    if (url.protocol === 'file:' && fs.existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/**
 * Reads and checks an import file on a worker thread while this thread writes: parsing and
 * validation are half of an import's work, and a second core does them meanwhile (100,000 CSV
 * rows: see bench/results/import.md). The sink is called here, in file order, exactly as
 * readCheckedRows would call it. Without the bundled worker, it reads on this thread.
 */
export async function readCheckedRowsAside(
  input: ImportInput,
  format: ImportFormat,
  timeZone: string,
  sink: CheckedRowSink,
): Promise<void> {
  const script = workerScript();
  if (!script) return readCheckedRows('file' in input ? openImportFile(input.file) : input.stream, format, timeZone, sink);

  const batchesInFlight = new SharedArrayBuffer(4);
  const inFlight = new Int32Array(batchesInFlight);
  const file = 'file' in input ? input.file : null;
  const worker = new Worker(script, {
    workerData: { file, format, timeZone, batchesInFlight } satisfies CheckedRowsWorkerData,
    stdin: file === null,
  });
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      if ('stream' in input) {
        input.stream.unpipe();
        input.stream.destroy();
      }
      void worker.terminate();
      reject(error);
    };
    if ('stream' in input) {
      input.stream.on('error', fail);
      input.stream.pipe(worker.stdin!);
    }
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the import's reading thread stopped early (exit code ${code})`)));
    worker.on('message', (message: string) => {
      if (settled) return;
      if (message === 'done') {
        settled = true;
        // It has nothing left to do; do not wait for it to wind down.
        void worker.terminate();
        resolve();
        return;
      }
      try {
        replayCheckedRows(message, sink);
      } catch (error) {
        fail(error);
        return;
      }
      Atomics.sub(inFlight, 0, 1);
      Atomics.notify(inFlight, 0);
    });
  });
}
