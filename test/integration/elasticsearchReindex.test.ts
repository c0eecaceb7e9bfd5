import { describe, expect, it } from 'vitest';
import { aliasState } from '../../src/search/elasticsearch/courseIndexAdmin.js';
import { ElasticsearchSearchClient } from '../../src/search/elasticsearch/elasticsearchSearchClient.js';
import { connectElasticsearch } from '../../src/search/elasticsearch/connection.js';
import { buildSearchQuery } from '../../src/domain/searchQuery.js';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { archiveCourse } from '../../src/services/courseAvailability.js';
import { reindexCatalogue } from '../../src/services/reindexCatalogue.js';
import { seedCatalogue } from '../../src/services/seedCatalogue.js';
import { syncCatalogue, watchCatalogue } from '../../src/services/syncCatalogue.js';
import { courseInput } from '../support/courseFactory.js';
import { expectIndexMatchesDatabase, useTestElasticsearch } from '../support/elasticsearch.js';
import { tempCatalog } from '../support/tempCatalog.js';

describe('catalog reindex: a fresh index behind the alias, with no gap', () => {
  const es = useTestElasticsearch('reindex');

  it('swaps atomically while searches run, a watcher writes and the catalogue changes; nothing is lost', async () => {
    const catalog = tempCatalog();
    const alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias);
    catalog.config.sync = { ...catalog.config.sync, batchSize: 200 };
    seedCatalogue(catalog, { courses: 4000, seed: 5 });
    await syncCatalogue(catalog);
    await es.refresh(alias);
    const before = await aliasState(es.client, alias);
    expect(before.kind).toBe('alias');

    const search = new ElasticsearchSearchClient(connectElasticsearch(catalog.config.elasticsearch), catalog.config.elasticsearch);
    const query = buildSearchQuery({ all: true, sort: 'start', limit: 5 }, { now: catalog.time.now(), timeZone: catalog.config.timeZone });
    let reindexing = true;
    const totals: number[] = [];
    const searching = (async () => {
      while (reindexing) totals.push((await search.search(query)).total);
    })();
    // Changes keep coming, and a watcher keeps sending them (to the old index until the swap).
    const watcher = new AbortController();
    const watching = watchCatalogue(catalog, watcher.signal, { pollMs: 20 });
    let changes = 0;
    const changing = (async () => {
      const ids = catalog.courses.list().map((course) => course.id);
      while (reindexing) {
        const id = ids[changes % ids.length]!;
        if (changes % 7 === 0) archiveCourse(catalog, id);
        else if (changes % 5 === 0) addCourse(catalog, courseInput({ title: `Added during reindex ${changes}` }));
        else if (catalog.courses.get(id).status !== 'archived')
          editCourse(catalog, id, { description: `Edited during reindex, change ${changes}.` });
        changes++;
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    const report = await reindexCatalogue(catalog, { oldIndexGraceMs: 300 });
    reindexing = false;
    await Promise.all([searching, changing]);
    watcher.abort();
    await watching;
    await search.close();

    expect(changes).toBeGreaterThan(10);
    expect(totals.length, 'searches answered throughout').toBeGreaterThan(5);
    expect(Math.min(...totals)).toBeGreaterThan(3500);
    const after = await aliasState(es.client, alias);
    expect(after).toEqual({ kind: 'alias', indices: [report.index] });
    expect(report.previous).toEqual(before.kind === 'alias' ? before.indices : []);
    expect(await es.client.indices.exists({ index: report.previous })).toBe(false);

    // What the watcher did not get to before it stopped is still pending; then the index equals the database.
    await syncCatalogue(catalog);
    await expectIndexMatchesDatabase(es.client, alias, catalog);
  });

  it('replaces a plain index squatting on the alias name, and builds from scratch when there is nothing', async () => {
    const catalog = tempCatalog();
    const alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias);
    seedCatalogue(catalog, { courses: 50, seed: 6 });
    await es.client.index({ index: alias, id: 'stray', document: { whatever: true }, refresh: true });
    const report = await reindexCatalogue(catalog, { oldIndexGraceMs: 0 });
    expect(report.courses).toBe(catalog.courses.list().length);
    expect(await aliasState(es.client, alias)).toEqual({ kind: 'alias', indices: [report.index] });
    await expectIndexMatchesDatabase(es.client, alias, catalog);
    // The outbox is settled by the reindex: nothing left to send.
    expect(await syncCatalogue(catalog)).toMatchObject({ entries: 0, queue: { pending: 0 } });
  });
});
