import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
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

/**
 * The reading thread's young generation (V8's nursery, where each row's short-lived objects are
 * made): under an import's allocation rate V8 grows it to its default ceiling, and the process's
 * peak memory with it, while the rows in flight need a fraction of that; this size is as fast
 * (bench/results/import.md).
 */
const READER_YOUNG_GENERATION_MB = 12;

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
    resourceLimits: { maxYoungGenerationSizeMb: READER_YOUNG_GENERATION_MB },
  });
  try {
    await readingFrom(worker, input, inFlight, sink);
  } finally {
    v8.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_SEMI_SPACE_GROWTH}`);
  }
}

/** V8's default (node --v8-options): other commands and the commit after the reading keep it. */
const DEFAULT_SEMI_SPACE_GROWTH = 2;

/**
 * This (the writing) thread's young generation, as V8 reports it (new_space), is held once it
 * reaches this, half V8's default ceiling on 64-bit, to which it would grow during an import:
 * as fast, where holding it at the size it has when the rows start cost time
 * (bench/results/import.md).
 */
const WRITER_NEW_SPACE_BYTES = 16 * 1024 * 1024;

/**
 * Stops this thread's young generation from growing, once it is WRITER_NEW_SPACE_BYTES. A thread's
 * young generation cannot be given a limit once it runs, but it only grows by a factor at a time,
 * and a factor of 1 holds it. V8 puts the factor back to its default when it sets up a new
 * thread's heap (the reading thread's), so this is done while the rows arrive. True once held.
 */
function holdYoungGeneration(): boolean {
  const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  if (!young || young.space_size < WRITER_NEW_SPACE_BYTES) return false;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}

function readingFrom(worker: Worker, input: ImportInput, inFlight: Int32Array, sink: CheckedRowSink): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let youngGenerationHeld = false;
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
      if (!youngGenerationHeld) youngGenerationHeld = holdYoungGeneration();
    });
  });
}
