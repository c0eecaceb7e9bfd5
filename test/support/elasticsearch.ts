import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, expect } from 'vitest';
import type { CatalogConfig } from '../../src/config/schema.js';
import type { Course } from '../../src/domain/course.js';
import { courseDocument } from '../../src/search/elasticsearch/courseDocument.js';
import { testConfig } from './tempCatalog.js';

/**
 * The real Elasticsearch node the suite runs against, from CATALOG_TEST_ELASTICSEARCH_URL. Its
 * absence fails the file (never skips it). Each file gets its own alias prefix, so files run in
 * parallel on the one node, and every index it created is deleted afterwards.
 */
export interface TestElasticsearch {
  readonly url: string;
  readonly client: Client;
  /** A fresh alias name no other test uses. */
  alias(label?: string): string;
  /** The `elasticsearch` section for a catalogue writing through `alias`. */
  settings(alias: string, extra?: Partial<CatalogConfig['elasticsearch']>): CatalogConfig['elasticsearch'];
  /** Makes everything written so far searchable (what the 1 s refresh does by itself). */
  refresh(alias: string): Promise<void>;
}

export function useTestElasticsearch(label: string): TestElasticsearch {
  const prefix = `test-${label}-${process.pid}-${Math.random().toString(36).slice(2, 7)}`.toLowerCase();
  let url: string | undefined;
  let client: Client | undefined;
  let count = 0;

  beforeAll(async () => {
    url = process.env.CATALOG_TEST_ELASTICSEARCH_URL;
    if (!url) {
      throw new Error(
        'CATALOG_TEST_ELASTICSEARCH_URL is not set: run `npm test` (it starts a node), or `bash scripts/es/start.sh` and export CATALOG_TEST_ELASTICSEARCH_URL=http://127.0.0.1:9200',
      );
    }
    client = new Client({ node: url });
    const health = await client.cluster.health({ wait_for_status: 'yellow', timeout: '30s' });
    if (health.timed_out) throw new Error(`Elasticsearch at ${url} is not ready (${health.status})`);
  });

  afterAll(async () => {
    if (!client) return;
    // Wildcard deletes are refused by default (action.destructive_requires_name): name each one.
    const indices = Object.keys(await client.indices.get({ index: `${prefix}*`, allow_no_indices: true, ignore_unavailable: true }));
    if (indices.length) await client.indices.delete({ index: indices, ignore_unavailable: true });
    await client.close();
  });

  const ready = () => {
    if (!client || !url) throw new Error('useTestElasticsearch: used before beforeAll ran');
    return { client, url };
  };
  return {
    get url() {
      return ready().url;
    },
    get client() {
      return ready().client;
    },
    alias: (name = 'courses') => `${prefix}-${name}-${++count}`,
    settings: (alias, extra = {}) => ({ ...testConfig(':memory:').elasticsearch, node: ready().url, index: alias, ...extra }),
    refresh: async (alias) => {
      await ready().client.indices.refresh({ index: alias });
    },
  };
}

/** Every document behind the alias, by id (for comparing Elasticsearch with SQLite one by one). */
export async function allDocuments(
  client: Client,
  alias: string,
): Promise<Map<string, { source: Record<string, unknown>; version: number }>> {
  const out = new Map<string, { source: Record<string, unknown>; version: number }>();
  let response = await client.search<Record<string, unknown>>({
    index: alias,
    scroll: '1m',
    size: 5000,
    version: true,
    query: { match_all: {} },
  });
  while (response.hits.hits.length) {
    for (const hit of response.hits.hits) out.set(hit._id!, { source: hit._source!, version: hit._version! });
    response = await client.scroll<Record<string, unknown>>({ scroll_id: response._scroll_id!, scroll: '1m' });
  }
  if (response._scroll_id) await client.clearScroll({ scroll_id: response._scroll_id });
  return out;
}

/**
 * Elasticsearch holds exactly the database's courses (archived ones excluded), each as the
 * document the sync builds from the course's current row, at the course's version.
 */
export async function expectIndexMatchesDatabase(client: Client, alias: string, ctx: { courses: { list(): Course[] } }): Promise<void> {
  await client.indices.refresh({ index: alias });
  const documents = await allDocuments(client, alias);
  const courses = ctx.courses.list();
  expect([...documents.keys()].sort()).toEqual(courses.map((course) => course.id).sort());
  for (const course of courses) {
    const stored = documents.get(course.id)!;
    // When it was published is the only thing that depends on the moment of the sync.
    const { effective_at: _at, effective_price_paise: _price, ...actual } = stored.source;
    const { effective_at: _a, effective_price_paise: _p, ...expected } = courseDocument(course, 0);
    expect(actual, course.id).toEqual(expected);
    expect(stored.version, `${course.id} version`).toBe(course.version);
  }
}
