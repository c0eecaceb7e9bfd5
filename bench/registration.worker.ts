// One benchmark worker process: registers `count` students in a loop through the real service,
// each registration its own IMMEDIATE transaction, and prints what it did and how often it waited.
// registration.bench.js bundles this file with esbuild (the CLI bundle exposes no services).
import { openCatalog } from '../src/services/catalogContext.js';
import { registerStudent } from '../src/services/registerStudent.js';

const [databasePath, courseId, amount, worker, count] = process.argv.slice(2) as [string, string, string, string, string];
// The catalogue as the CLI opens it; CATALOG_NOW pins the clock.
const ctx = await openCatalog({ database: databasePath }, { create: false });
let retries = 0;
let waited = 0;
let waitedMs = 0;
for (let i = 0; i < Number(count); i++) {
  const { waits } = await registerStudent(ctx, {
    courseId,
    student: `w${worker}-${i}@bench.example`,
    amount,
    paymentRef: `bench_${worker}_${i}`,
  });
  retries += waits.retries;
  waitedMs += waits.waitedMs;
  if (waits.retries > 0) waited++;
}
ctx.close();
process.stdout.write(JSON.stringify({ registered: Number(count), retries, waited, waitedMs }));
