import { beforeAll, describe, expect, it } from 'vitest';
import { runCatalog } from '../support/cliRunner.js';
import type { CliResult } from '../support/cliRunner.js';
import { useTestElasticsearch } from '../support/elasticsearch.js';
import { tempDirectory } from '../support/tempDirectory.js';

/** The commands as a user or a CI job runs them: the built binary, a temp folder, the real node. */
describe('catalog sync / sync status / reindex / doctor on the command line', () => {
  const es = useTestElasticsearch('cli');
  const dir = tempDirectory();
  // Distinctive secrets: the node ignores them (security is off locally), the output must never show them.
  const API_KEY = 'apikey-SECRET-4f9c2e';
  const PASSWORD = 'password-SECRET-77aa1';
  let env: Record<string, string> = {};
  const run = (args: string[], extra: Record<string, string> = {}) => runCatalog(args, { cwd: dir, env: { ...env, ...extra } });
  const json = <T>(result: CliResult): T => {
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as T;
  };
  const expectNoSecrets = (result: CliResult) => {
    for (const secret of [API_KEY, PASSWORD, 'url-SECRET']) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
  };

  beforeAll(() => {
    env = { CATALOG_ELASTICSEARCH_NODE: es.url, CATALOG_ELASTICSEARCH_INDEX: es.alias(), CATALOG_ELASTICSEARCH_API_KEY: API_KEY };
    expect(run(['seed', '--courses', '300', '--seed', '3']).code).toBe(0);
  });

  it('sync drains the outbox and says what it did; status and doctor agree afterwards', () => {
    const before = json<{ pending: number; indexedCourses: number | null }>(run(['sync', 'status', '--json']));
    expect(before.pending).toBe(300);
    const synced = run(['sync']);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stderr).toMatch(/synced 300 change\(s\) in \d+ ms: 300 indexed/);
    expectNoSecrets(synced);
    const again = json<Record<string, unknown>>(run(['sync', '--json', '--retry-refused']));
    expect(again).toMatchObject({ entries: 0, refused: 0, requeued: 0, queue: { pending: 0, refused: 0 } });

    const status = json<Record<string, unknown>>(run(['sync', 'status', '--json']));
    expect(status).toMatchObject({
      pending: 0,
      refused: 0,
      lastError: null,
      sqliteCourses: 300,
      indexedCourses: 300,
      elasticsearch: { reachable: true },
    });
    const human = run(['sync', 'status']);
    expect(human.stdout).toMatch(/pending: +0/);
    expect(human.stdout).toMatch(/300 in SQLite, 300 in Elasticsearch/);
    expect(human.stdout).toMatch(/refused: +0/);
    expect(JSON.stringify([again, status]) + human.stdout).not.toMatch(/failed/i);

    const doctor = run(['doctor', '--json']);
    const report = json<{
      ok: boolean;
      checks: { name: string; status: string; detail: string }[];
      config: { elasticsearch: { apiKey: string } };
    }>(doctor);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => `${c.name}:${c.status}`)).toEqual([
      'configuration:ok',
      // The test payment provider: a demo's setting, worth a warning on a real site.
      'payments:warn',
      'database:ok',
      'material files:ok',
      'orphan files:ok',
      'upload leftovers:ok',
      'sync queue:ok',
      'connection:ok',
      'server version:ok',
      'index:ok',
      'leftover indices:ok',
      'mapping:ok',
      'index contents:ok',
    ]);
    expect(report.config.elasticsearch.apiKey).toBe('********');
    expectNoSecrets(doctor);
  });

  it('search --backend elasticsearch prints what the embedded backend prints', () => {
    run(['sync']);
    for (const args of [
      ['search', 'yoga', '--sort', 'price'],
      ['search', '--all', '--sort', 'registrations', '--limit', '20', '--page', '2'],
    ]) {
      // `catalog sync` ends with a refresh: what it sent is searchable at once.
      const sqlite = json<unknown>(run([...args, '--json', '--backend', 'sqlite']));
      const elastic = json<unknown>(run([...args, '--json', '--backend', 'elasticsearch']));
      expect(elastic).toEqual(sqlite);
    }
  });

  it('doctor finds mapping drift and count drift, and reindex repairs both', async () => {
    const alias = env.CATALOG_ELASTICSEARCH_INDEX!;
    await es.client.indices.putMapping({ index: alias, properties: { surprise: { type: 'keyword' } } });
    const someId = (await es.client.search({ index: alias, size: 1 })).hits.hits[0]!._id!;
    await es.client.delete({ index: alias, id: someId, refresh: true });

    const broken = run(['doctor']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/✖ mapping .*properties\.surprise/);
    expect(broken.stdout).toMatch(/✖ index contents +299 in Elasticsearch, 300 in SQLite/);
    expect(broken.stdout).toMatch(/hint: .*catalog reindex/);

    const reindexed = run(['reindex', '--json']);
    expect(json<{ courses: number; previous: string[] }>(reindexed)).toMatchObject({
      courses: 300,
      previous: [expect.stringContaining(alias)],
    });
    const healed = run(['doctor']);
    expect(healed.code, healed.stdout).toBe(0);
  });

  it('an unreachable node: clear errors, exit 1, no secret anywhere (also with credentials in the URL)', () => {
    const down = {
      CATALOG_ELASTICSEARCH_NODE: 'http://someone:url-SECRET@127.0.0.1:9',
      CATALOG_ELASTICSEARCH_USERNAME: 'someone',
      CATALOG_ELASTICSEARCH_PASSWORD: PASSWORD,
      CATALOG_ELASTICSEARCH_API_KEY: '',
    };
    run(['course', 'price', json<{ results: { id: string }[] }>(run(['search', '--json', '--backend', 'sqlite'])).results[0]!.id, '12345']);
    for (const args of [['sync'], ['doctor'], ['search', 'yoga', '--backend', 'elasticsearch'], ['reindex'], ['doctor', '--json']]) {
      const result = run(args, down);
      expect(result.code, args.join(' ')).toBe(1);
      expectNoSecrets(result);
    }
    const sync = run(['sync'], down);
    expect(sync.stderr).toMatch(/Elasticsearch did not accept the changes|cannot reach/);
    // The error recorded on the outbox entry is clean too.
    const status = run(['sync', 'status', '--json'], down);
    expect(JSON.parse(status.stdout)).toMatchObject({ pending: 1, elasticsearch: { reachable: false } });
    expectNoSecrets(status);
  }, 120_000);

  it('insecure TLS is allowed but never silent', () => {
    const result = run(['sync', 'status'], { CATALOG_ELASTICSEARCH_INSECURE: 'true' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/TLS certificate verification is OFF/);
  });
});
