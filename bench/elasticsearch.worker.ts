// In-process parts of the Elasticsearch benchmark; elasticsearch.bench.js bundles and runs this
// file with a sub-command and reads one JSON object from stdout.
//   helper-bulk <db> <url> <index> <concurrency> <flushBytes> — the official client's helpers.bulk
//       pushing the documents the sync would write, into a fresh index with the same mapping;
//   lag <db> <url> <alias> <updates>  — change-to-searchable lag while `catalog sync --watch` runs;
//   search <db> <url> <alias> <iterations> — latency per query shape, SQLite and Elasticsearch.
import { Client } from '@elastic/elasticsearch';
import { courseDocument } from '../src/search/elasticsearch/courseDocument.js';
import { createCourseIndex } from '../src/search/elasticsearch/courseIndexAdmin.js';
import { ElasticsearchSearchClient } from '../src/search/elasticsearch/elasticsearchSearchClient.js';
import { buildSearchQuery } from '../src/domain/searchQuery.js';
import type { SearchRequest } from '../src/domain/searchQuery.js';
import { SqliteSearchClient } from '../src/search/sqliteSearchClient.js';
import { editCourse } from '../src/services/courseAuthoring.js';
import { openCatalog } from '../src/services/catalogContext.js';
import { OutboxStore } from '../src/store/outboxStore.js';
import { EXTRA_SHAPES, QUERY_SHAPES } from './support/queryShapes.js';

const [command, databasePath, url, index, ...rest] = process.argv.slice(2) as [string, string, string, string, ...string[]];
const ctx = await openCatalog({ database: databasePath }, { create: false });
const client = new Client({ node: url });
const percentiles = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
};

async function helperBulk(concurrency: number, flushBytes: number) {
  // The documents `catalog sync` writes, in the order it writes them: outbox order (ids sorted
  // instead would flatter the helper: sorted _ids make Lucene's version lookups cache-friendly).
  const now = ctx.clock();
  const documents = [];
  const outbox = new OutboxStore(ctx.db);
  const seen = new Set<string>();
  for (let afterId = 0; ; ) {
    const entries = outbox.entriesAfter(afterId, 5000);
    if (!entries.length) break;
    afterId = entries.at(-1)!.id;
    const current = outbox.currentCourses(entries.map((entry) => entry.courseId));
    for (const entry of entries) {
      const course = current.get(entry.courseId);
      if (!course || course.status === 'archived' || seen.has(course.id)) continue;
      seen.add(course.id);
      documents.push(courseDocument(course, now));
    }
  }
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await createCourseIndex(client, index);
  const stats = await client.helpers.bulk({
    datasource: documents,
    onDocument: (doc) => [{ index: { _index: index, _id: doc.id, version: doc.version, version_type: 'external' } }, doc],
    concurrency,
    flushBytes,
    refreshOnCompletion: index,
  });
  const milliseconds = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    documents: documents.length,
    successful: stats.successful,
    failed: stats.failed,
    milliseconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/**
 * Single edits at random moments (0-500 ms apart, so they land anywhere in the refresh cycle),
 * each timed from its commit until a search finds the word only it contains. One poller asks
 * for all outstanding words every 5 ms.
 */
async function lag(updates: number) {
  const courses = ctx.courses.list({ status: ['published'] }).filter((course) => course.startDate > '2027-01-01');
  const samples: number[] = [];
  const outstanding = new Map<string, number>();
  let issued = 0;
  let nextAt = performance.now();
  const deadline = performance.now() + updates * 500 + 60_000;
  while (samples.length < updates) {
    if (performance.now() > deadline) throw new Error(`only ${samples.length} of ${updates} edits became searchable`);
    if (issued < updates && performance.now() >= nextAt) {
      const course = courses[(issued * 7919) % courses.length]!;
      const marker = `lagprobe${issued}q${process.pid}`;
      editCourse(ctx, course.id, { title: `${marker} ${course.title}`.slice(0, 120) });
      outstanding.set(marker, performance.now());
      issued++;
      nextAt = performance.now() + Math.random() * 500;
    }
    if (outstanding.size) {
      const response = await client.search<{ title: string }>({
        index,
        size: 200,
        _source: ['title'],
        query: { match: { title_words: [...outstanding.keys()].join(' ') } },
      });
      const seen = performance.now();
      for (const hit of response.hits.hits) {
        const marker = hit._source!.title.split(' ')[0]!;
        const committed = outstanding.get(marker);
        if (committed === undefined) continue;
        samples.push(seen - committed);
        outstanding.delete(marker);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return percentiles(samples);
}

async function search(iterations: number) {
  const sqlite = new SqliteSearchClient(ctx.db);
  const elastic = new ElasticsearchSearchClient(client, { ...ctx.config.elasticsearch, node: url, index }, false);
  const shapes: Record<string, (i: number) => SearchRequest> = {
    ...QUERY_SHAPES,
    ...EXTRA_SHAPES,
    'listing by price (no text)': (i) => ({ sort: 'price', page: String(1 + (i % 5)) }),
  };
  const report: Record<
    string,
    { sqlite: ReturnType<typeof percentiles>; elasticsearch: ReturnType<typeof percentiles>; sameTotals: boolean; samePages: boolean }
  > = {};
  for (const [shape, request] of Object.entries(shapes)) {
    const times = { sqlite: [] as number[], elasticsearch: [] as number[] };
    let sameTotals = true;
    let samePages = true;
    for (let i = -20; i < iterations; i++) {
      const query = buildSearchQuery(request(Math.abs(i)), { now: ctx.clock(), timeZone: ctx.config.timeZone });
      let started = performance.now();
      const a = sqlite.searchNow(query);
      const sqliteMs = performance.now() - started;
      started = performance.now();
      const b = await elastic.search(query);
      const elasticMs = performance.now() - started;
      sameTotals &&= a.total === b.total;
      samePages &&= JSON.stringify(a) === JSON.stringify(b);
      if (i >= 0) {
        times.sqlite.push(sqliteMs);
        times.elasticsearch.push(elasticMs);
      }
    }
    report[shape] = { sqlite: percentiles(times.sqlite), elasticsearch: percentiles(times.elasticsearch), sameTotals, samePages };
  }
  return report;
}

let result: unknown;
if (command === 'helper-bulk') result = await helperBulk(Number(rest[0]), Number(rest[1]));
else if (command === 'lag') result = await lag(Number(rest[0]));
else if (command === 'search') result = await search(Number(rest[0]));
else throw new Error(`unknown command ${command}`);
await client.close();
ctx.close();
process.stdout.write(JSON.stringify(result));
