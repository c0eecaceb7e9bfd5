// Entry of the worker thread that reads and checks an import file (scripts/build.mjs bundles it
// as dist/checked-rows-worker.js). It reads the file itself, or piped input from its stdin.
import { parentPort, workerData } from 'node:worker_threads';
import { readCheckedRows } from './checkedRows.js';
import { CheckedRowBatch } from './checkedRowEvents.js';
import type { CheckedRowsWorkerData } from './checkedRowsReader.js';
import { BATCH_ROWS, MAX_BATCHES_IN_FLIGHT, openImportFile } from './checkedRowsReader.js';

const { file, format, timeZone, batchesInFlight } = workerData as CheckedRowsWorkerData;
const inFlight = new Int32Array(batchesInFlight);
const batch = new CheckedRowBatch(BATCH_ROWS, send);

/**
 * Hands a batch to the importing thread. Blocks while it is MAX_BATCHES_IN_FLIGHT batches
 * behind: the database sets the pace, and rows must not pile up in memory meanwhile.
 */
function send(): void {
  if (batch.length === 0) return;
  for (let waiting = Atomics.load(inFlight, 0); waiting >= MAX_BATCHES_IN_FLIGHT; waiting = Atomics.load(inFlight, 0)) {
    Atomics.wait(inFlight, 0, waiting);
  }
  Atomics.add(inFlight, 0, 1);
  parentPort!.postMessage(batch.take());
}

await readCheckedRows(file === null ? process.stdin : openImportFile(file), format, timeZone, batch);
send();
parentPort!.postMessage('done');
