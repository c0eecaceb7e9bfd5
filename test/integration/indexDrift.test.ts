import type { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { aliasState, createCourseIndex } from '../../src/search/elasticsearch/courseIndexAdmin.js';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { diagnose } from '../../src/services/doctor.js';
import { reindexCatalogue } from '../../src/services/reindexCatalogue.js';
import { seedCatalogue } from '../../src/services/seedCatalogue.js';
import { syncCatalogue, watchCatalogue } from '../../src/services/syncCatalogue.js';
import { OutboxStore } from '../../src/store/outboxStore.js';
import type { SyncEvent } from '../../src/sync/syncWorker.js';
import { courseInput } from '../support/courseFactory.js';
import { allDocuments, expectIndexMatchesDatabase, useTestElasticsearch } from '../support/elasticsearch.js';
import { nodeBehindRelay } from '../support/elasticsearchProxy.js';
import { eventually } from '../support/eventually.js';
import { tempCatalog } from '../support/tempCatalog.js';

/** Every index named like the alias's versioned indices, behind the alias or not. */
async function versionedIndices(client: Client, alias: string): Promise<string[]> {
  const found = await client.indices.get({ index: `${alias}-v*`, allow_no_indices: true, ignore_unavailable: true });
  return Object.keys(found).sort();
}

const check = (report: Awaited<ReturnType<typeof diagnose>>, name: string) => {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no doctor check named "${name}" in ${report.checks.map((c) => c.name).join(', ')}`);
  return found;
};

describe('half-built and emptied indices are noticed, reported and repaired', () => {
  const es = useTestElasticsearch('drift');

  it('a reindex cut off mid-run says to run reindex again; doctor reports the half-built index; the next reindex removes it', async () => {
    const catalog = tempCatalog();
    const relay = await nodeBehindRelay(es.url);
    const alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias, { node: relay.url });
    catalog.config.sync = { ...catalog.config.sync, batchSize: 100, concurrency: 1 };
    seedCatalogue(catalog, { courses: 3000, seed: 21 });
    await syncCatalogue(catalog);
    const live = await aliasState(es.client, alias);
    expect(live.kind).toBe('alias');
    const liveIndex = live.kind === 'alias' ? live.indices[0]! : '';

    const reindex = reindexCatalogue(catalog, { backoff: { initialMs: 20, maxMs: 50, maxAttempts: 3 }, oldIndexGraceMs: 0 });
    const failure = reindex.then(
      () => undefined,
      (error: unknown) => error,
    );
    // Mid-load: the new index exists and has taken some documents.
    const building = await eventually(
      async () => {
        const others = (await versionedIndices(es.client, alias)).filter((name) => name !== liveIndex);
        if (!others.length) return undefined;
        const stats = await es.client.indices.stats({ index: others[0]!, metric: 'indexing' });
        return (stats._all.primaries?.indexing?.index_total ?? 0) >= 300 ? others[0] : undefined;
      },
      { what: 'the reindex to be loading its new index', timeoutMs: 60_000, intervalMs: 5 },
    );
    await relay.stop();
    const error = (await failure) as { message: string; hint?: string } | undefined;
    expect(error, 'the reindex failed').toBeDefined();
    expect(error!.hint).toMatch(/catalog reindex/);
    expect(error!.hint).not.toMatch(/catalog sync/);

    await relay.start();
    // Searches still answer from the old index; the half-built one is left behind.
    expect(await aliasState(es.client, alias)).toEqual({ kind: 'alias', indices: [liveIndex] });
    expect(await versionedIndices(es.client, alias)).toEqual([building, liveIndex].sort());

    const report = await diagnose(catalog);
    const leftovers = check(report, 'leftover indices');
    expect(leftovers.status).toBe('warn');
    expect(leftovers.detail).toContain(building);
    expect(leftovers.hint).toMatch(/catalog reindex/);

    const again = await reindexCatalogue(catalog, { oldIndexGraceMs: 0 });
    expect(await versionedIndices(es.client, alias)).toEqual([again.index]);
    await expectIndexMatchesDatabase(es.client, alias, catalog);
    const healed = await diagnose(catalog);
    expect(check(healed, 'leftover indices').status).toBe('ok');
    expect(healed.ok, JSON.stringify(healed.checks)).toBe(true);
  }, 120_000);

  it('an index deleted under a running watcher: it says the new index lacks courses and points at reindex; so does doctor', async () => {
    const catalog = tempCatalog();
    const alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias);
    const ids = Array.from({ length: 30 }, (_, n) => addCourse(catalog, courseInput({ title: `Vanishing Vina ${n}` })).id);
    await syncCatalogue(catalog);

    const events: SyncEvent[] = [];
    const watcher = new AbortController();
    const watching = watchCatalogue(catalog, watcher.signal, {
      pollMs: 20,
      backoff: { initialMs: 20, maxMs: 100, maxAttempts: Infinity },
      onEvent: (event) => events.push(event),
    });
    try {
      const state = await aliasState(es.client, alias);
      await es.client.indices.delete({ index: state.kind === 'alias' ? state.indices : [] });
      editCourse(catalog, ids[0]!, { description: 'Edited after the index vanished.' });
      const drift = await eventually(() => events.find((event) => event.type === 'drift'), {
        what: 'the watcher to report the drift',
      });
      expect(drift).toMatchObject({ type: 'drift', expected: 30 });
      expect(JSON.stringify(drift)).toMatch(/catalog reindex/);
    } finally {
      watcher.abort();
      await watching;
    }

    const report = await diagnose(catalog);
    expect(report.ok).toBe(false);
    const contents = check(report, 'index contents');
    expect(contents.status).toBe('fail');
    expect(contents.detail).toMatch(/29 missing/);
    expect(contents.hint).toMatch(/catalog reindex/);
    expect(contents.hint).not.toMatch(/catalog sync/);

    await reindexCatalogue(catalog, { oldIndexGraceMs: 0 });
    await expectIndexMatchesDatabase(es.client, alias, catalog);
    expect((await diagnose(catalog)).ok).toBe(true);
  });

  it('an index restored from an older copy (same count, older versions): doctor finds the stale versions', async () => {
    const catalog = tempCatalog();
    const alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias);
    const ids = Array.from({ length: 40 }, (_, n) => addCourse(catalog, courseInput({ title: `Restored Rudra Veena ${n}` })).id);
    await syncCatalogue(catalog);
    const old = await allDocuments(es.client, alias);
    for (const id of ids.slice(0, 5)) editCourse(catalog, id, { description: 'A newer description the restored copy lacks.' });
    await syncCatalogue(catalog);
    expect(new OutboxStore(catalog.db).status().pending).toBe(0);

    // The older copy goes behind the alias in place of the current index (as a snapshot restore would).
    const restored = `${alias}-restored`;
    await createCourseIndex(es.client, restored);
    await es.client.bulk({
      refresh: true,
      operations: [...old].flatMap(([id, { source, version }]) => [
        { index: { _index: restored, _id: id, version, version_type: 'external' as const } },
        source,
      ]),
    });
    const state = await aliasState(es.client, alias);
    await es.client.indices.updateAliases({
      actions: [
        { add: { index: restored, alias, is_write_index: true } },
        ...(state.kind === 'alias' ? state.indices.map((index) => ({ remove_index: { index } })) : []),
      ],
    });

    const report = await diagnose(catalog);
    const contents = check(report, 'index contents');
    expect(contents.status).toBe('fail');
    expect(contents.detail).toMatch(/40 in Elasticsearch, 40 in SQLite/);
    expect(contents.detail).toMatch(/5 .*older version/);
    expect(contents.hint).toMatch(/catalog reindex/);
    expect(report.ok).toBe(false);
  });
});
