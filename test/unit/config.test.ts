import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnvironment, loadConfig, searchBackendOf } from '../../src/config/load.js';
import { redactConfig, redactUrl } from '../../src/config/schema.js';
import { CatalogError } from '../../src/errors.js';
import { tempDirectory } from '../support/tempDirectory.js';

describe('configuration', () => {
  it('needs nothing: a database here, the embedded search, India time', async () => {
    const cwd = tempDirectory();
    const config = await loadConfig({}, {}, cwd);
    expect(config).toMatchObject({ source: null, databasePath: path.join(cwd, 'catalog.db'), timeZone: 'Asia/Kolkata' });
    expect(searchBackendOf(config)).toBe('sqlite');
  });

  it('maps CATALOG_* and ELASTICSEARCH_URL onto the settings', () => {
    expect(configFromEnvironment({ ELASTICSEARCH_URL: 'http://es:9200', CATALOG_SYNC_CONCURRENCY: '8', CATALOG_ELASTICSEARCH_INSECURE: 'true', CATALOG_TIME_ZONE: 'UTC' })).toEqual({
      elasticsearch: { node: 'http://es:9200', insecure: true },
      sync: { concurrency: 8 },
      timeZone: 'UTC',
    });
  });

  it('switches to Elasticsearch when a node is configured, unless told otherwise', async () => {
    const cwd = tempDirectory();
    expect(searchBackendOf(await loadConfig({}, { ELASTICSEARCH_URL: 'http://127.0.0.1:9200' }, cwd))).toBe('elasticsearch');
    expect(searchBackendOf(await loadConfig({ backend: 'sqlite' }, { ELASTICSEARCH_URL: 'http://127.0.0.1:9200' }, cwd))).toBe('sqlite');
  });

  it('puts a database named in a config file beside that file', async () => {
    const root = tempDirectory();
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    fs.writeFileSync(path.join(root, '.catalogrc'), 'database: data/courses.db\n');
    fs.mkdirSync(path.join(root, 'sub'));
    const config = await loadConfig({}, {}, path.join(root, 'sub'));
    expect(config.databasePath).toBe(path.join(root, 'data', 'courses.db'));
  });

  it('rejects a bad value with the setting named', async () => {
    const cwd = tempDirectory();
    await expect(loadConfig({}, { CATALOG_SYNC_CONCURRENCY: 'lots' }, cwd)).rejects.toThrow(/sync\.concurrency/);
    await expect(loadConfig({}, { ELASTICSEARCH_URL: 'not a url' }, cwd)).rejects.toBeInstanceOf(CatalogError);
  });

  it('never shows secrets', async () => {
    const cwd = tempDirectory();
    const config = await loadConfig({}, { ELASTICSEARCH_URL: 'https://elastic:hunter2@es.example:9200', CATALOG_ELASTICSEARCH_API_KEY: 'c2VjcmV0LWtleQ==', CATALOG_ELASTICSEARCH_PASSWORD: 'hunter2' }, cwd);
    const shown = JSON.stringify(redactConfig(config));
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('c2VjcmV0LWtleQ==');
    expect(redactUrl('https://elastic:hunter2@es.example:9200/')).toBe('https://****:****@es.example:9200');
  });
});
