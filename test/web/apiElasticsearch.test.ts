import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogJson, runCatalog } from '../support/cliRunner.js';
import { useTestElasticsearch } from '../support/elasticsearch.js';
import { tempDirectory } from '../support/tempDirectory.js';
import { apiUrl, cliArgsFor, getJson, PARITY_SEARCHES } from './searchParity.js';
import { startStorefrontProcess } from './storefrontProcess.js';
import type { StorefrontProcess } from './storefrontProcess.js';

const NOW = '2026-11-25T06:30:00Z';

describe('catalog serve on Elasticsearch', () => {
  const es = useTestElasticsearch('serve');
  const cwd = tempDirectory();
  let env: Record<string, string> = {};
  let server: StorefrontProcess;

  beforeAll(async () => {
    env = { CATALOG_NOW: NOW, CATALOG_ELASTICSEARCH_NODE: es.url, CATALOG_ELASTICSEARCH_INDEX: es.alias() };
    expect(runCatalog(['seed', '--courses', '400', '--seed', '11'], { cwd, env }).code).toBe(0);
    const reindex = runCatalog(['reindex'], { cwd, env });
    expect(reindex.code, reindex.stderr).toBe(0);
    server = await startStorefrontProcess(cwd, env);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers every search exactly as `catalog search --json` does on the same node', async () => {
    for (const params of PARITY_SEARCHES) {
      const api = await getJson(apiUrl(server.url, '/api/search', params));
      expect(api.status, JSON.stringify(params)).toBe(200);
      expect(api.body, JSON.stringify(params)).toEqual(catalogJson(cliArgsFor(params), { cwd, env }));
    }
    const sqlite = catalogJson(cliArgsFor({ q: 'baking' }).concat('--backend', 'sqlite'), { cwd, env }) as { total: number };
    const viaElasticsearch = (await getJson(apiUrl(server.url, '/api/search', { q: 'baking' }))).body as { total: number };
    expect(viaElasticsearch.total).toBe(sqlite.total);
    expect(sqlite.total).toBeGreaterThan(0);
    // Free courses and free starts: Elasticsearch through the API answers as the embedded index does.
    const freeSearches: Record<string, string>[] = [
      { free: '1', limit: '100' },
      { freeStart: '1', limit: '100' },
    ];
    for (const params of freeSearches) {
      const embedded = catalogJson(cliArgsFor(params).concat('--backend', 'sqlite'), { cwd, env }) as { total: number };
      expect((await getJson(apiUrl(server.url, '/api/search', params))).body, JSON.stringify(params)).toEqual(embedded);
      expect(embedded.total, JSON.stringify(params)).toBeGreaterThan(0);
    }
  });

  it('names the parameter in a 400 exactly as on the embedded index', async () => {
    const answer = await getJson(apiUrl(server.url, '/api/search', { month: 'someday' }));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'bad_request', message: 'month "someday" is not a month' } });
  });

  it('is ready when Elasticsearch answers, and says which check fails when it does not', async () => {
    const ready = await getJson(`${server.url}/readyz`);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', elasticsearch: 'ok' } });

    const unreachable = await startStorefrontProcess(cwd, { ...env, CATALOG_ELASTICSEARCH_NODE: 'http://127.0.0.1:9' });
    try {
      const notReady = await getJson(`${unreachable.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(notReady.body).toEqual({ status: 'not ready', checks: { database: 'ok', elasticsearch: 'failing' } });
      // A search then fails as a 503 that says nothing about the inside.
      const failed = await getJson(`${unreachable.url}/api/search?q=baking`);
      expect(failed.status).toBe(503);
      expect(failed.body).toEqual({
        error: { code: 'unavailable', message: 'the catalogue cannot answer right now', hint: 'try again in a moment' },
      });
      expect(JSON.stringify(failed.body)).not.toContain('127.0.0.1:9');
    } finally {
      await unreachable.stop();
    }
  });
});
