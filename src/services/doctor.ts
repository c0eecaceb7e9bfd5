import type { Client } from '@elastic/elasticsearch';
import { redactConfig, redactUrl } from '../config/schema.js';
import { searchBackendOf } from '../config/load.js';
import { COURSE_MAPPING_VERSION, courseIndexSettings } from '../search/elasticsearch/courseIndex.js';
import { aliasState, expectedMapping, liveMapping, mappingDifferences } from '../search/elasticsearch/courseIndexAdmin.js';
import { authenticationOf, connectElasticsearch } from '../search/elasticsearch/connection.js';
import { errorSummary } from '../search/elasticsearch/elasticsearchErrors.js';
import { schemaVersion } from '../store/database.js';
import { OutboxStore } from '../store/outboxStore.js';
import type { CatalogContext } from './catalogContext.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  detail: string;
  hint?: string;
}

export interface DoctorReport {
  ok: boolean;
  config: Record<string, unknown>;
  checks: DoctorCheck[];
}

/** Oldest pending change older than this means the sync worker is probably not running. */
const STALE_PENDING_SECONDS = 60;

/** `catalog doctor`: configuration, database, Elasticsearch connection, version, mapping and count drift. */
export async function diagnose(ctx: CatalogContext, options: { warn?: (message: string) => void } = {}): Promise<DoctorReport> {
  const { config } = ctx;
  const settings = config.elasticsearch;
  const checks: DoctorCheck[] = [];
  const add = (check: DoctorCheck) => checks.push(check);

  const auth = authenticationOf(settings);
  add({
    name: 'configuration',
    status: settings.insecure ? 'warn' : 'ok',
    detail: `${config.source ?? 'defaults (no file)'}; search backend ${searchBackendOf(config)}; Elasticsearch ${settings.node ? redactUrl(settings.node) : 'not configured'}, alias ${settings.index}, auth ${auth}${settings.caFile ? `, CA ${settings.caFile}` : ''}${settings.insecure ? ', TLS verification OFF' : ''}`,
    ...(settings.insecure && { hint: 'remove elasticsearch.insecure and set elasticsearch.caFile to verify the server' }),
  });

  const outbox = new OutboxStore(ctx.db);
  const queue = outbox.status();
  const sqliteCourses = outbox.indexableCourses();
  add({
    name: 'database',
    status: 'ok',
    detail: `${config.databasePath} (schema ${schemaVersion(ctx.db)}, ${ctx.courses.count()} courses, ${sqliteCourses} to index)`,
  });
  const ageSeconds = queue.oldestPendingAt === null ? 0 : Math.round((ctx.clock() - queue.oldestPendingAt) / 1000);
  add({
    name: 'sync queue',
    status: queue.failed > 0 || ageSeconds > STALE_PENDING_SECONDS ? 'warn' : 'ok',
    detail: `${queue.pending} pending${queue.pending ? ` (oldest ${ageSeconds} s)` : ''}, ${queue.failed} refused${queue.lastProblem ? `; last error: ${queue.lastProblem.error}` : ''}`,
    ...(queue.failed > 0
      ? { hint: 'see `catalog sync status`; after fixing the cause run `catalog sync --retry-failed`' }
      : ageSeconds > STALE_PENDING_SECONDS
        ? { hint: 'run `catalog sync` (or keep `catalog sync --watch` running)' }
        : {}),
  });

  if (!settings.node) {
    add({ name: 'elasticsearch', status: 'skip', detail: 'no node configured: search uses the embedded SQLite index' });
    return finish(checks, redactConfig(config));
  }

  const client = connectElasticsearch(settings, { maxRetries: 0, ...(options.warn && { warn: options.warn }) });
  try {
    try {
      const health = await client.cluster.health();
      add({
        name: 'connection',
        status: health.status === 'red' ? 'fail' : 'ok',
        detail: `${redactUrl(settings.node)} answers: cluster ${health.cluster_name}, ${health.status}, ${health.number_of_nodes} node(s)`,
      });
    } catch (error) {
      add({
        name: 'connection',
        status: 'fail',
        detail: `${redactUrl(settings.node)}: ${errorSummary(error, settings)}`,
        hint: 'start the node (`npm run es:start` locally), check elasticsearch.node and the credentials',
      });
      return finish(checks, redactConfig(config));
    }
    const version = await serverVersion(client).catch((error: unknown) => `unknown (${errorSummary(error, settings)})`);
    const major = Number(/^(\d+)\./.exec(version)?.[1]);
    add({
      name: 'server version',
      status: major === 8 || major === 9 ? 'ok' : 'warn',
      detail: `Elasticsearch ${version}`,
      ...(!(major === 8 || major === 9) && { hint: 'catalog uses the 8.x client, which talks to 8.x and 9.x servers' }),
    });

    const state = await aliasState(client, settings.index);
    if (state.kind !== 'alias' || state.indices.length !== 1) {
      add({
        name: 'index',
        status: 'fail',
        detail:
          state.kind === 'missing'
            ? `no alias ${settings.index}`
            : state.kind === 'index'
              ? `${settings.index} is a plain index, not an alias`
              : `${settings.index} points at ${state.indices.join(', ')}`,
        hint: 'run `catalog reindex` to build the index behind the alias',
      });
      return finish(checks, redactConfig(config));
    }
    const index = state.indices[0]!;
    add({ name: 'index', status: 'ok', detail: `${settings.index} → ${index}` });

    const drift = mappingDifferences(await liveMapping(client, index), expectedMapping());
    drift.push(...(await analyzerDrift(client, index)));
    add({
      name: 'mapping',
      status: drift.length ? 'fail' : 'ok',
      detail: drift.length
        ? `${drift.length} difference(s): ${drift.slice(0, 5).join('; ')}`
        : `matches mapping version ${COURSE_MAPPING_VERSION}`,
      ...(drift.length && { hint: 'run `catalog reindex` to rebuild the index with the current mapping' }),
    });

    const indexed = (await client.count({ index: settings.index })).count;
    const difference = indexed - sqliteCourses;
    add({
      name: 'document count',
      status: difference === 0 ? 'ok' : queue.pending > 0 ? 'warn' : 'fail',
      detail: `${indexed} in Elasticsearch, ${sqliteCourses} in SQLite${difference ? ` (${difference > 0 ? '+' : ''}${difference})` : ''}`,
      ...(difference !== 0 && {
        hint:
          queue.pending > 0
            ? `${queue.pending} change(s) still pending: run \`catalog sync\``
            : 'nothing is pending, so the index drifted: run `catalog reindex`',
      }),
    });
  } catch (error) {
    add({ name: 'elasticsearch', status: 'fail', detail: errorSummary(error, settings), hint: 'check the node and the credentials' });
  } finally {
    await client.close();
  }
  return finish(checks, redactConfig(config));
}

function finish(checks: DoctorCheck[], config: Record<string, unknown>): DoctorReport {
  return { ok: checks.every((check) => check.status !== 'fail'), config, checks };
}

/** `GET /` answers the version, but minimal distributions lack it: ask the nodes API then. */
async function serverVersion(client: Client): Promise<string> {
  try {
    return (await client.info()).version.number;
  } catch {
    const nodes = await client.nodes.info({ node_id: '_local', metric: '_none' });
    return Object.values(nodes.nodes)[0]?.version ?? 'unknown';
  }
}

/** The index's analysis settings against ours (none since mapping version 2: terms arrive analysed). */
async function analyzerDrift(client: Client, index: string): Promise<string[]> {
  const response = await client.indices.getSettings({ index, name: 'index.analysis.*' });
  const live = response[index]?.settings?.index?.analysis ?? {};
  return mappingDifferences(live, courseIndexSettings.analysis ?? {}, 'analysis');
}
