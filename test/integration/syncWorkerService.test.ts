import { describe, expect, it } from 'vitest';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { syncStatus } from '../../src/services/syncCatalogue.js';
import { OutboxStore } from '../../src/store/outboxStore.js';
import { runCatalog } from '../support/cliRunner.js';
import { holdWriteLock, startCatalog } from '../support/catalogProcess.js';
import type { CatalogProcess } from '../support/catalogProcess.js';
import { courseInput } from '../support/courseFactory.js';
import { expectIndexMatchesDatabase, useTestElasticsearch } from '../support/elasticsearch.js';
import { eventually } from '../support/eventually.js';
import { tempCatalog } from '../support/tempCatalog.js';

/** `catalog sync --watch` is a service: real processes, a real database file, the real node. */
describe('sync --watch as a service', () => {
  const es = useTestElasticsearch('sync-service');

  const setup = () => {
    const catalog = tempCatalog();
    const alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias);
    const env = { CATALOG_DATABASE: catalog.config.databasePath, CATALOG_ELASTICSEARCH_NODE: es.url, CATALOG_ELASTICSEARCH_INDEX: alias };
    const outbox = new OutboxStore(catalog.db);
    const drained = (what: string) => eventually(() => outbox.status().pending === 0, { what, timeoutMs: 60_000 });
    return { catalog, alias, env, outbox, drained };
  };
  const published = (worker: CatalogProcess) =>
    worker.output.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string })
      .filter((event) => event.type === 'published').length;
  /** Everything it said: with --json, events (its waiting included) are JSON lines on stdout. */
  const said = (worker: CatalogProcess) => worker.output.stdout + worker.output.stderr;
  const stop = async (worker: CatalogProcess) => {
    if (worker.exited) return worker.exit();
    worker.child.kill('SIGCONT');
    worker.child.kill('SIGTERM');
    return worker.exit();
  };

  it('waits (and says so) while another process holds the write lock longer than the busy timeout, then carries on', async () => {
    const { catalog, alias, env, outbox, drained } = setup();
    addCourse(catalog, courseInput({ title: 'Before The Lock' }));
    const watcher = startCatalog(['sync', '--watch'], catalog.dir, env);
    try {
      await drained('the first course to be sent');

      // A long import elsewhere: the watcher's next write (it re-publishes sale boundaries every
      // second) waits for the lock, past SQLite's busy timeout.
      const lock = await holdWriteLock(catalog.config.databasePath);
      await eventually(() => watcher.exited || /waiting for the database: the catalogue database .* is busy/i.test(watcher.output.stderr), {
        what: 'the watcher to notice the busy database',
        timeoutMs: 60_000,
      });
      expect(watcher.exited, watcher.output.stderr).toBe(false);
      await lock.release();

      const course = addCourse(catalog, courseInput({ title: 'After The Lock' }));
      await drained('the watcher to send a change made after the lock');
      await es.refresh(alias);
      expect((await es.client.get({ index: alias, id: course.id }))._version).toBe(1);
      expect(outbox.status().refused).toBe(0);
    } finally {
      const exit = await stop(watcher);
      expect(exit.code, exit.stderr).toBe(0);
      expect(exit.stderr).not.toMatch(/internal error/);
    }
  }, 120_000);

  it('two watchers on one database: one drains, the other names the holder and waits; one-off sync refuses; a dead or frozen holder is replaced', async () => {
    const { catalog, alias, env, drained } = setup();
    const ids = Array.from({ length: 5 }, (_, n) => addCourse(catalog, courseInput({ title: `Leased Lute ${n}` })).id);
    const first = startCatalog(['sync', '--watch', '--json'], catalog.dir, env);
    const workers = [first];
    try {
      await drained('the first watcher to send the first courses');
      // Started once the first one holds the queue. Its own lease (once it holds one) is short,
      // so that freezing it hands the queue on quickly.
      const second = startCatalog(['sync', '--watch', '--json'], catalog.dir, { ...env, CATALOG_SYNC_LEASE_SECONDS: '3' });
      workers.push(second);
      await eventually(() => /watching/.test(second.output.stderr), { what: 'the second watcher to start', timeoutMs: 60_000 });
      await eventually(() => new RegExp(`pid ${first.child.pid}`).test(said(second)), {
        what: 'the second watcher to name the holder',
        timeoutMs: 60_000,
      });

      // Changes keep coming; only the holder sends them.
      for (const [n, id] of ids.entries()) {
        editCourse(catalog, id, { description: `Edited while two watchers run (${n}).` });
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      await drained('the holder to send the edits');
      expect(published(first)).toBeGreaterThan(0);
      expect(published(second), second.output.stdout).toBe(0);
      expect((await syncStatus(catalog)).worker).toMatchObject({ pid: first.child.pid });

      // A one-off sync while a watcher holds the queue: a clear refusal (exit 4), nothing sent twice.
      const once = runCatalog(['sync'], { cwd: catalog.dir, env });
      expect(once.code, once.stderr).toBe(4);
      expect(once.stderr).toMatch(new RegExp(`pid ${first.child.pid}`));
      expect(once.stderr).toMatch(/sync --watch/);

      // The holder dies without a word: the other one takes the queue over and sends what comes next.
      first.child.kill('SIGKILL');
      await first.exit();
      const afterDeath = addCourse(catalog, courseInput({ title: 'After The Holder Died' }));
      await drained('the second watcher to take over');
      expect(published(second)).toBeGreaterThan(0);
      await es.refresh(alias);
      expect((await es.client.get({ index: alias, id: afterDeath.id }))._version).toBe(1);

      // A frozen holder (alive, no heartbeat): its lease expires and a new watcher takes over.
      second.child.kill('SIGSTOP');
      const third = startCatalog(['sync', '--watch', '--json'], catalog.dir, env);
      workers.push(third);
      await eventually(() => new RegExp(`pid ${second.child.pid}`).test(said(third)), {
        what: 'the third watcher to name the frozen holder',
        timeoutMs: 60_000,
      });
      const afterFreeze = addCourse(catalog, courseInput({ title: 'After The Holder Froze' }));
      await drained('the third watcher to take over from the frozen one');
      expect(published(third)).toBeGreaterThan(0);
      const sentBySecond = published(second);
      // Thawed, the old holder finds it lost the queue and goes back to waiting.
      second.child.kill('SIGCONT');
      await eventually(() => /lost the sync queue/i.test(said(second)), { what: 'the thawed watcher to notice', timeoutMs: 60_000 });
      editCourse(catalog, afterFreeze.id, { description: 'Edited after the thaw.' });
      await drained('the third watcher to send the last edit');
      expect(published(second)).toBe(sentBySecond);
      await expectIndexMatchesDatabase(es.client, alias, catalog);
    } finally {
      for (const worker of workers) await stop(worker);
    }
  }, 300_000);
});
