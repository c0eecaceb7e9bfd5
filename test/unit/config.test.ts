import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDefaultSearchPlaces } from 'cosmiconfig';
import { describe, expect, it } from 'vitest';
import {
  configFromEnvironment,
  loadConfig,
  mayFindConfigFile,
  META_PLACES,
  MODULE_NAME,
  SEARCH_PLACES,
  searchBackendOf,
} from '../../src/config/load.js';
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
    expect(
      configFromEnvironment({
        ELASTICSEARCH_URL: 'http://es:9200',
        CATALOG_SYNC_CONCURRENCY: '8',
        CATALOG_ELASTICSEARCH_INSECURE: 'true',
        CATALOG_TIME_ZONE: 'UTC',
      }),
    ).toEqual({
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
    const config = await loadConfig(
      {},
      {
        ELASTICSEARCH_URL: 'https://elastic:hunter2@es.example:9200',
        CATALOG_ELASTICSEARCH_API_KEY: 'c2VjcmV0LWtleQ==',
        CATALOG_ELASTICSEARCH_PASSWORD: 'hunter2',
      },
      cwd,
    );
    const shown = JSON.stringify(redactConfig(config));
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('c2VjcmV0LWtleQ==');
    expect(redactUrl('https://elastic:hunter2@es.example:9200/')).toBe('https://****:****@es.example:9200');
  });
});

describe('looking for a configuration file before loading cosmiconfig', () => {
  const write = (file: string, content = 'database: x.db\n') => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  };

  it('knows the files cosmiconfig reads, for the catalog and for its own settings', () => {
    expect(SEARCH_PLACES).toEqual(getDefaultSearchPlaces(MODULE_NAME));
    const defaults = createRequire(import.meta.url)('cosmiconfig/dist/defaults.js') as { metaSearchPlaces: string[] };
    expect(META_PLACES).toEqual(defaults.metaSearchPlaces);
  });

  it('finds nothing where there is nothing, and stops at the project folder as cosmiconfig does', () => {
    const root = tempDirectory();
    const cwd = path.join(root, 'project', 'sub');
    write(path.join(root, 'project', 'package.json'), '{"name": "x"}');
    fs.mkdirSync(cwd, { recursive: true });
    expect(mayFindConfigFile(cwd, cwd)).toBe(false);
    write(path.join(root, '.catalogrc'));
    expect(mayFindConfigFile(cwd, cwd)).toBe(false);
    write(path.join(root, 'project', 'catalog.config.cjs'), 'module.exports = {};');
    expect(mayFindConfigFile(cwd, cwd)).toBe(true);
  });

  it('sees every place cosmiconfig would read, in any folder up to the project', () => {
    for (const place of SEARCH_PLACES.filter((p) => p !== 'package.json')) {
      const root = tempDirectory();
      const cwd = path.join(root, 'a', 'b');
      fs.mkdirSync(cwd, { recursive: true });
      write(path.join(root, 'a', place));
      expect(mayFindConfigFile(cwd, cwd), place).toBe(true);
    }
  });

  it('reads a package.json: a "catalog" key, or cosmiconfig settings in the working folder, count; broken JSON goes to cosmiconfig', () => {
    const cases: [string, boolean][] = [
      ['{"name":"x"}', false],
      ['{"catalog":{"database":"x.db"}}', true],
      ['{"cosmiconfig":{"searchPlaces":["x.yml"]}}', true],
      ['{ not json', true],
    ];
    for (const [content, found] of cases) {
      const cwd = tempDirectory();
      write(path.join(cwd, 'package.json'), content);
      expect(mayFindConfigFile(cwd, cwd), content).toBe(found);
    }
  });

  it("sees cosmiconfig's own settings in the working folder only", () => {
    const cwd = tempDirectory();
    const elsewhere = tempDirectory();
    write(path.join(cwd, 'package.json'), '{}');
    write(path.join(elsewhere, '.config', 'config.json'), '{}');
    expect(mayFindConfigFile(cwd, cwd)).toBe(false);
    expect(mayFindConfigFile(cwd, elsewhere)).toBe(true);
  });

  it('still reads what it finds through cosmiconfig: .config/catalogrc.json in a parent folder', async () => {
    const root = tempDirectory();
    fs.mkdirSync(path.join(root, 'sub'));
    write(path.join(root, '.config', 'catalogrc.json'), '{"database": "data/c.db", "timeZone": "Europe/London"}');
    const config = await loadConfig({}, {}, path.join(root, 'sub'));
    expect(config).toMatchObject({ source: path.join(root, '.config', 'catalogrc.json'), timeZone: 'Europe/London' });
  });
});

describe('configuration errors say where the bad value came from (issue 10, item 15)', () => {
  const failure = async (work: Promise<unknown>): Promise<CatalogError> => {
    try {
      await work;
    } catch (error) {
      if (error instanceof CatalogError) return error;
      throw error;
    }
    throw new Error('expected the configuration to be refused');
  };

  it('invalid YAML in .catalogrc: the reason, the line and the lines around it', async () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, 'package.json'), '{}');
    fs.writeFileSync(path.join(cwd, '.catalogrc'), 'database: catalog.db\ntimeZone: [Asia/Kolkata\nsearch:\n  backend: sqlite\n');
    const error = await failure(loadConfig({}, {}, cwd));
    expect(error.message).toContain(path.join(cwd, '.catalogrc'));
    expect(error.message).toContain('missed comma between flow collection entries');
    expect(error.message).toMatch(/line 3, column 1/);
    expect(error.message).toContain('2 | timeZone: [Asia/Kolkata');
    expect(error.hint).toContain('.catalogrc');
  });

  it('invalid JSON in .catalogrc.json: the reason', async () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, 'package.json'), '{}');
    fs.writeFileSync(path.join(cwd, '.catalogrc.json'), '{"database": "x.db",\n "timeZone": }\n');
    const error = await failure(loadConfig({}, {}, cwd));
    expect(error.message).toContain(path.join(cwd, '.catalogrc.json'));
    expect(error.message).toContain("Unexpected token '}'");
  });

  it('a bad value from the environment names the variable, not the file', async () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, 'package.json'), '{}');
    fs.writeFileSync(path.join(cwd, '.catalogrc'), 'timeZone: Asia/Kolkata\n');
    const zone = await failure(loadConfig({}, { CATALOG_TIME_ZONE: 'Mars/Base' }, cwd));
    expect(zone.message).toContain('CATALOG_TIME_ZONE');
    expect(zone.message).toContain('not an IANA time zone');
    expect(zone.message).not.toContain(path.join(cwd, '.catalogrc'));

    const url = await failure(loadConfig({}, { ELASTICSEARCH_URL: 'notaurl' }, cwd));
    expect(url.message).toContain('ELASTICSEARCH_URL');
    expect(url.message).not.toContain(path.join(cwd, '.catalogrc'));
    expect(url.hint).toContain('ELASTICSEARCH_URL');
  });

  it('a bad value in the file names the file; problems from both are each attributed', async () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, 'package.json'), '{}');
    fs.writeFileSync(path.join(cwd, '.catalogrc'), 'timeZone: Mars/Olympus\n');
    const error = await failure(loadConfig({}, { CATALOG_SYNC_CONCURRENCY: 'lots' }, cwd));
    expect(error.message).toMatch(new RegExp(`timeZone.*${path.join(cwd, '.catalogrc').replaceAll('/', '\\/')}`));
    expect(error.message).toMatch(/sync\.concurrency.*CATALOG_SYNC_CONCURRENCY/);
  });

  it('never prints a secret it refuses', async () => {
    const cwd = tempDirectory();
    const error = await failure(loadConfig({}, { ELASTICSEARCH_URL: 'https://elastic:hunter2@' }, cwd));
    expect(`${error.message} ${error.hint}`).not.toContain('hunter2');
  });
});
