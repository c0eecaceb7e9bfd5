// The checkout benchmark's baseline: registerStudent alone, in a loop in one process, timed
// around the loop only (opening the catalogue and Node's start-up left out). Bundled by
// bench/checkout.bench.js; prints { registered, ms }.
import { openCatalog } from '../src/services/catalogContext.js';
import { registerStudent } from '../src/services/registerStudent.js';

const [databasePath, courseId, amount, count] = process.argv.slice(2) as [string, string, string, string];
const ctx = await openCatalog({ database: databasePath }, { create: false });
const started = performance.now();
for (let i = 0; i < Number(count); i++)
  await registerStudent(ctx, { courseId, student: `s${i}@bench.example`, amount, paymentRef: `bench_${i}` });
const ms = performance.now() - started;
ctx.close();
process.stdout.write(JSON.stringify({ registered: Number(count), ms }));
