// Entry of the worker thread that reads and checks an import file (scripts/build.mjs bundles it
// as dist/checked-rows-worker.js). It reads the file itself, or piped input from its stdin.
import { parentPort, workerData } from 'node:worker_threads';
import { readCheckedRows } from './checkedRows.js';
import { courseEvent } from './checkedRowEvents.js';
import type { CheckedRowEvent } from './checkedRowEvents.js';
import type { CheckedRowsWorkerData } from './checkedRowsReader.js';
import { BATCH_ROWS, MAX_BATCHES_IN_FLIGHT, openImportFile } from './checkedRowsReader.js';

const { file, format, timeZone, batchesInFlight } = workerData as CheckedRowsWorkerData;
const inFlight = new Int32Array(batchesInFlight);
let batch: CheckedRowEvent[] = [];

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
  parentPort!.postMessage(JSON.stringify(batch));
  batch = [];
}

function add(event: CheckedRowEvent): void {
  batch.push(event);
  if (batch.length >= BATCH_ROWS) send();
}

await readCheckedRows(file === null ? process.stdin : openImportFile(file), format, timeZone, {
  course: (course, columns) => add(courseEvent(course, columns)),
  rowProblem: (problem) => add(['r', problem]),
  fileProblem: (problem) => add(['f', problem]),
  progress: (rows, bytes) => add(['p', rows, bytes]),
});
send();
parentPort!.postMessage('done');
