// The import's other half alone: the reading thread (dist/checked-rows-worker.js, exactly as
// `catalog import` starts it) parsing and checking the file, with a writing thread that takes
// each batch and does nothing with it. With the store's floor (import.storeFloor.ts) this says
// how long each half takes without the other on the second core. Run `npm run build` first.
// Usage: node bench/import.readerAlone.js <csv>  (prints {"rows", "milliseconds"})
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from './support/bundle.js';

const [file] = process.argv.slice(2);
const started = performance.now();
const batchesInFlight = new SharedArrayBuffer(4);
const inFlight = new Int32Array(batchesInFlight);
const worker = new Worker(path.join(ROOT, 'dist', 'checked-rows-worker.js'), {
  workerData: { file, format: 'csv', timeZone: 'Asia/Kolkata', batchesInFlight },
});
let rows = 0;
worker.on('message', (message) => {
  if (message === 'done') {
    process.stdout.write(JSON.stringify({ rows, milliseconds: performance.now() - started }));
    void worker.terminate();
    return;
  }
  for (const event of JSON.parse(message)) if (event[0] === 'c') rows++;
  Atomics.sub(inFlight, 0, 1);
  Atomics.notify(inFlight, 0);
});
worker.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
