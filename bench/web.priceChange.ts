// Changes one course's list price through the same service `catalog course price` uses, once per
// price given, and prints when each change was committed (epoch ms, sub-millisecond), one JSON
// line each, waiting for a line on stdin before the next. web.bench.js bundles and runs this.
import readline from 'node:readline';
import { setListPrice } from '../src/services/coursePricing.js';
import { openCatalog } from '../src/services/catalogContext.js';

const [databasePath, courseId, ...prices] = process.argv.slice(2) as [string, string, ...string[]];
const ctx = await openCatalog({ database: databasePath }, { create: false });
const input = readline.createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
for (const price of prices) {
  setListPrice(ctx, courseId, price);
  process.stdout.write(`${JSON.stringify({ price: Number(price), committedAt: performance.timeOrigin + performance.now() })}\n`);
  await lines.next();
}
input.close();
ctx.close();
