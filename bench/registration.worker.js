// One benchmark worker process: registers `count` students in a loop through the real service
// (built dist), each registration its own IMMEDIATE transaction, and reports its lock waits.
import { openCatalog } from '../dist/services/catalogContext.js';
import { registerStudent } from '../dist/services/registerStudent.js';

const [databasePath, courseId, amount, worker, count] = process.argv.slice(2);
// The catalogue as the CLI opens it; CATALOG_NOW pins the clock.
const ctx = await openCatalog({ database: databasePath }, { create: false });
let retries = 0;
let waited = 0;
let waitedMs = 0;
const started = performance.now();
for (let i = 0; i < Number(count); i++) {
  const { waits } = await registerStudent(ctx, { courseId, student: `w${worker}-${i}@bench.example`, amount, paymentRef: `bench_${worker}_${i}` });
  retries += waits.retries;
  waitedMs += waits.waitedMs;
  if (waits.retries > 0) waited++;
}
const elapsedMs = performance.now() - started;
ctx.close();
process.stdout.write(JSON.stringify({ registered: Number(count), retries, waited, waitedMs, elapsedMs }));
