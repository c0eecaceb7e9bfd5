import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { editCourse } from '../../src/services/courseAuthoring.js';
import { archiveCourse } from '../../src/services/courseAvailability.js';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { seedCatalogue } from '../../src/services/seedCatalogue.js';
import { syncCatalogue } from '../../src/services/syncCatalogue.js';
import { OutboxStore } from '../../src/store/outboxStore.js';
import type { SyncEvent } from '../../src/sync/syncWorker.js';
import { CATALOG_BIN, runCatalog } from '../support/cliRunner.js';
import { courseInput } from '../support/courseFactory.js';
import { expectIndexMatchesDatabase, useTestElasticsearch } from '../support/elasticsearch.js';
import { nodeBehindRelay } from '../support/elasticsearchProxy.js';
import { eventually } from '../support/eventually.js';
import { tempCatalog } from '../support/tempCatalog.js';

describe('sync survives the node going away and the worker being killed', () => {
  const es = useTestElasticsearch('sync-failures');

  it('node stopped mid-sync and restarted: nothing lost, nothing duplicated, nothing marked done while down', async () => {
    const catalog = tempCatalog();
    const relay = await nodeBehindRelay(es.url);
    const alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias, { node: relay.url });
    catalog.config.sync = { ...catalog.config.sync, batchSize: 100, concurrency: 2 };
    seedCatalogue(catalog, { courses: 3000, seed: 11 });
    const outbox = new OutboxStore(catalog.db);
    const total = outbox.maxId();
    const events: SyncEvent[] = [];

    const run = syncCatalogue(catalog, {
      backoff: { initialMs: 100, maxMs: 400, maxAttempts: Infinity },
      onEvent: (event) => events.push(event),
    });
    await eventually(() => outbox.status().pending < total - 200, { what: 'the first batches to be acknowledged' });
    await relay.stop();
    await eventually(() => events.filter((e) => e.type === 'retrying').length >= 2, { what: 'the worker to notice the outage' });
    const pendingWhileDown = outbox.status().pending;
    expect(pendingWhileDown).toBeGreaterThan(0);
    await eventually(() => events.filter((e) => e.type === 'retrying').length >= 6, { what: 'more retries' });
    expect(outbox.status().pending).toBe(pendingWhileDown);
    expect(await syncStatusError(outbox)).toMatch(/ECONNREFUSED|ECONNRESET|socket|closed|other side/i);

    await relay.start();
    const report = await run;
    expect(report).toMatchObject({ refused: 0, queue: { pending: 0, refused: 0 } });
    expect(report.retries).toBeGreaterThan(0);
    await expectIndexMatchesDatabase(es.client, alias, catalog);
  });

  it('a one-off sync against a node that stays down gives up with a clear error and keeps every change pending', async () => {
    const catalog = tempCatalog();
    const relay = await nodeBehindRelay(es.url);
    const alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias, { node: relay.url });
    addCourse(catalog, courseInput());
    await syncCatalogue(catalog, { backoff: { initialMs: 10, maxMs: 50, maxAttempts: 3 } });
    addCourse(catalog, courseInput());
    await relay.stop();
    await expect(syncCatalogue(catalog, { backoff: { initialMs: 10, maxMs: 50, maxAttempts: 3 } })).rejects.toThrow(
      /did not accept|cannot reach/,
    );
    expect(new OutboxStore(catalog.db).status().pending).toBe(1);
  });

  it('`sync --watch` killed with SIGKILL mid-batch, then restarted: Elasticsearch equals SQLite document by document', async () => {
    const catalog = tempCatalog();
    const alias = es.alias();
    seedCatalogue(catalog, { courses: 4000, seed: 12 });
    const outbox = new OutboxStore(catalog.db);
    const total = outbox.maxId();
    const env = {
      CATALOG_DATABASE: catalog.config.databasePath,
      CATALOG_ELASTICSEARCH_NODE: es.url,
      CATALOG_ELASTICSEARCH_INDEX: alias,
      CATALOG_SYNC_BATCH_SIZE: '50',
      CATALOG_SYNC_CONCURRENCY: '2',
    };

    const worker = startCatalog(['sync', '--watch'], catalog.dir, env);
    await eventually(() => outbox.status().pending < total - 100, { what: 'the watcher to have synced some batches', timeoutMs: 30_000 });
    worker.kill('SIGKILL');
    const exit = await exited(worker);
    expect(exit.signal).toBe('SIGKILL');
    const left = outbox.status().pending;
    expect(left, 'killed mid-sync, with work left').toBeGreaterThan(0);

    // Life goes on while no worker runs.
    const ids = catalog.courses
      .list()
      .slice(0, 30)
      .map((course) => course.id);
    for (const id of ids.slice(0, 20)) editCourse(catalog, id, { description: `Rewritten while the worker was dead (${id}).` });
    for (const id of ids.slice(20)) archiveCourse(catalog, id);

    const restarted = runCatalog(['sync', '--json'], { cwd: catalog.dir, env });
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(JSON.parse(restarted.stdout)).toMatchObject({ refused: 0, queue: { pending: 0, refused: 0 } });
    await expectIndexMatchesDatabase(es.client, alias, catalog);
  });

  it('`sync --watch` follows new changes and stops cleanly on SIGTERM', async () => {
    const catalog = tempCatalog();
    const alias = es.alias();
    const env = { CATALOG_DATABASE: catalog.config.databasePath, CATALOG_ELASTICSEARCH_NODE: es.url, CATALOG_ELASTICSEARCH_INDEX: alias };
    const worker = startCatalog(['sync', '--watch'], catalog.dir, env);
    const course = addCourse(catalog, courseInput({ title: 'Watched Veena' }));
    await eventually(() => new OutboxStore(catalog.db).status().pending === 0, {
      what: 'the watcher to send the new course',
      timeoutMs: 30_000,
    });
    await es.refresh(alias);
    expect((await es.client.get({ index: alias, id: course.id }))._version).toBe(1);

    worker.kill('SIGTERM');
    const exit = await exited(worker);
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr).toMatch(/SIGTERM: stopping/);
    expect(exit.stderr).toMatch(/stopped after/);
  });
});

async function syncStatusError(outbox: OutboxStore): Promise<string> {
  return outbox.status().lastProblem?.error ?? '';
}

function startCatalog(args: string[], cwd: string, env: Record<string, string>): ChildProcess & { output: { stderr: string } } {
  const child = spawn(process.execPath, [CATALOG_BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', ...env },
  }) as ChildProcess & { output: { stderr: string } };
  child.output = { stderr: '' };
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (child.output.stderr += chunk));
  child.stdout!.resume();
  return child;
}

function exited(
  child: ChildProcess & { output: { stderr: string } },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve({ code: child.exitCode, signal: child.signalCode, stderr: child.output.stderr });
    child.once('exit', (code, signal) => resolve({ code, signal, stderr: child.output.stderr }));
  });
}
