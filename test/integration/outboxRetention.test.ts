import { describe, expect, it } from 'vitest';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { diagnose } from '../../src/services/doctor.js';
import { seedCatalogue } from '../../src/services/seedCatalogue.js';
import { syncCatalogue } from '../../src/services/syncCatalogue.js';
import { OutboxStore } from '../../src/store/outboxStore.js';
import { runCatalog } from '../support/cliRunner.js';
import { courseInput } from '../support/courseFactory.js';
import { expectIndexMatchesDatabase, useTestElasticsearch } from '../support/elasticsearch.js';
import { tempCatalog } from '../support/tempCatalog.js';

const MINUTE = 60_000;
const rows = (catalog: ReturnType<typeof tempCatalog>) => (catalog.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

describe('the outbox keeps a window of recent changes in every setup, and never more', () => {
  const es = useTestElasticsearch('outbox-retention');

  it('SQLite only: changes are appended (a change stream for live pages), old ones pruned, ids never reused', () => {
    const catalog = tempCatalog({ now: '2026-11-25T06:00:00Z' });
    const outbox = new OutboxStore(catalog.db);
    const retention = catalog.config.outbox.retentionMinutes * MINUTE;
    const ids = Array.from({ length: 20 }, () => addCourse(catalog, courseInput()).id);
    expect(rows(catalog)).toBe(20);
    expect(outbox.changesSince(18, 10)).toMatchObject([
      { id: 19, courseId: ids[18], change: 'created' },
      { id: 20, courseId: ids[19], change: 'created' },
    ]);
    expect(outbox.oldestRetainedId()).toBe(1);

    // Within the window nothing goes; past it, the next change prunes what is older.
    catalog.time.set(catalog.time.now() + retention - MINUTE);
    editCourse(catalog, ids[0]!, { description: 'Inside the window.' });
    expect(rows(catalog)).toBe(21);
    catalog.time.set(catalog.time.now() + 2 * MINUTE);
    editCourse(catalog, ids[1]!, { description: 'Past the window of the first twenty.' });
    expect(outbox.changesSince(0, 100).map((change) => change.id)).toEqual([21, 22]);
    // A reader that saw up to 20 missed nothing; one that saw up to 19 missed entry 20: reload.
    expect(outbox.oldestRetainedId()).toBe(21);

    // Long quiet, then one change: everything older goes, the newest stays, numbering goes on.
    catalog.time.set(catalog.time.now() + 10 * retention);
    editCourse(catalog, ids[2]!, { description: 'After a long quiet.' });
    expect(outbox.changesSince(0, 100).map((change) => change.id)).toEqual([23]);
    expect(outbox.oldestRetainedId()).toBe(23);
    expect(outbox.status()).toMatchObject({ pending: 1 });
  });

  it('SQLite only: doctor says nothing about syncing; `catalog doctor` agrees', () => {
    const catalog = tempCatalog();
    addCourse(catalog, courseInput());
    return diagnose(catalog).then((report) => {
      expect(report.ok).toBe(true);
      for (const check of report.checks) expect(JSON.stringify(check), check.name).not.toMatch(/sync/i);

      const cli = runCatalog(['doctor'], { cwd: catalog.dir, env: { CATALOG_DATABASE: catalog.config.databasePath } });
      expect(cli.code, cli.stderr).toBe(0);
      expect(`${cli.stdout}${cli.stderr}`).not.toMatch(/sync/i);
    });
  });

  it('with Elasticsearch: done entries are pruned after the window, pending ones never; the newest always stays', async () => {
    const catalog = tempCatalog({ now: '2026-11-25T06:00:00Z' });
    const alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias);
    const outbox = new OutboxStore(catalog.db);
    const retention = catalog.config.outbox.retentionMinutes * MINUTE;
    const ids = Array.from({ length: 10 }, () => addCourse(catalog, courseInput()).id);
    await syncCatalogue(catalog);
    expect(rows(catalog)).toBe(10);

    catalog.time.set(catalog.time.now() + retention + MINUTE);
    editCourse(catalog, ids[0]!, { description: 'Waiting for a sync.' });
    // Writes never prune a database that feeds an index: the pending entry is the sync's work.
    expect(rows(catalog)).toBe(11);
    await syncCatalogue(catalog);
    expect(outbox.changesSince(0, 100).map((change) => change.id)).toEqual([11]);

    // A pending entry older than the window stays until it is sent.
    editCourse(catalog, ids[1]!, { description: 'Sent late.' });
    catalog.time.set(catalog.time.now() + 3 * retention);
    expect(outbox.prune(catalog.time.now(), retention)).toBe(1);
    expect(outbox.changesSince(0, 100).map((change) => change.id)).toEqual([12]);
    expect(outbox.status().pending).toBe(1);
    await syncCatalogue(catalog);
    // Done now, but the newest entry: kept, so the next change is 13 and never a reused 12.
    expect(outbox.prune(catalog.time.now(), retention)).toBe(0);
    expect(addCourse(catalog, courseInput()) && outbox.changesSince(11, 100).map((change) => change.id)).toEqual([12, 13]);
    await syncCatalogue(catalog);
    await expectIndexMatchesDatabase(es.client, alias, catalog);
  });

  it('the first sync of a database whose early changes were pruned loads every course', async () => {
    const catalog = tempCatalog({ now: '2026-11-25T06:00:00Z' });
    const retention = catalog.config.outbox.retentionMinutes * MINUTE;
    seedCatalogue(catalog, { courses: 200, seed: 31 });
    catalog.time.set(catalog.time.now() + 2 * retention);
    const edited = catalog.courses.list()[0]!;
    editCourse(catalog, edited.id, { description: 'The one change still in the outbox.' });
    expect(rows(catalog)).toBe(1);

    const alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias);
    const report = await syncCatalogue(catalog);
    expect(report).toMatchObject({ queue: { pending: 0, refused: 0 } });
    await expectIndexMatchesDatabase(es.client, alias, catalog);
  });
});
