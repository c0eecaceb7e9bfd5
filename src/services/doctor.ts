import type { Client } from '@elastic/elasticsearch';
import { PAYMENT_SECRETS, redactConfig, redactUrl } from '../config/schema.js';
import { searchBackendOf } from '../config/load.js';
import { COURSE_MAPPING_VERSION, courseIndexSettings } from '../search/elasticsearch/courseIndex.js';
import { aliasState, expectedMapping, leftoverIndices, liveMapping, mappingDifferences } from '../search/elasticsearch/courseIndexAdmin.js';
import { authenticationOf, connectElasticsearch } from '../search/elasticsearch/connection.js';
import { errorSummary } from '../search/elasticsearch/elasticsearchErrors.js';
import { schemaVersion } from '../store/database.js';
import { OutboxStore } from '../store/outboxStore.js';
import { DRIFT_HINT, describeDrift, measureIndexDrift } from '../sync/indexDrift.js';
import { currentHolder, describeHolder } from '../sync/queueLease.js';
import type { CatalogContext } from './catalogContext.js';
import { materialStorageChecks } from './materials/materialStorageChecks.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  detail: string;
  hint?: string;
  /** Everything a check found, when its detail names only the first few (paths, ids). */
  items?: string[];
}

export interface DoctorReport {
  ok: boolean;
  config: Record<string, unknown>;
  checks: DoctorCheck[];
}

/** Oldest pending change older than this means the sync worker is probably not running. */
const STALE_PENDING_SECONDS = 60;

export interface DiagnoseOptions {
  warn?: (message: string) => void;
  /** Hash every material file, not a sample (see materialStorageChecks). */
  verifyFiles?: boolean;
}

/**
 * `catalog doctor`: configuration, database, the materials store against the database, and with
 * a node: the sync queue, the connection, version, alias, leftover indices, mapping, and drift
 * between the index and the database.
 */
export async function diagnose(ctx: CatalogContext, options: DiagnoseOptions = {}): Promise<DoctorReport> {
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

  add(paymentsCheck(config));

  const outbox = new OutboxStore(ctx.db);
  const sqliteCourses = outbox.indexableCourses();
  add({
    name: 'database',
    status: 'ok',
    detail: `${config.databasePath} (schema ${schemaVersion(ctx.db)}, ${ctx.courses.count()} courses${settings.node ? `, ${sqliteCourses} to index` : ''})`,
  });
  for (const check of await materialStorageChecks(ctx, { verifyFiles: options.verifyFiles })) add(check);

  if (!settings.node) {
    // Nothing is synced anywhere: the outbox only keeps a window of recent changes (see
    // OutboxRetention), so there is no queue to report on.
    add({ name: 'elasticsearch', status: 'skip', detail: 'no node configured: search uses the embedded SQLite index' });
    return finish(checks, redactConfig(config));
  }

  add(syncQueueCheck(outbox, ctx.clock(), config.timeZone));

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
    const aliasOk = state.kind === 'alias' && state.indices.length === 1;
    add(
      aliasOk
        ? { name: 'index', status: 'ok', detail: `${settings.index} → ${state.indices[0]}` }
        : {
            name: 'index',
            status: 'fail',
            detail:
              state.kind === 'missing'
                ? `no alias ${settings.index}`
                : state.kind === 'index'
                  ? `${settings.index} is a plain index, not an alias`
                  : `${settings.index} points at ${state.indices.join(', ')}`,
            hint: 'run `catalog reindex` to build the index behind the alias',
          },
    );
    add(await leftoversCheck(client, settings.index, outbox, config.timeZone));
    if (!aliasOk) return finish(checks, redactConfig(config));
    const index = state.indices[0]!;

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

    add(await contentsCheck(client, settings.index, outbox));
  } catch (error) {
    add({ name: 'elasticsearch', status: 'fail', detail: errorSummary(error, settings), hint: 'check the node and the credentials' });
  } finally {
    await client.close();
  }
  return finish(checks, redactConfig(config));
}

/** The outbox as the sync's queue: what waits, what Elasticsearch refused, and whether a worker runs. */
function syncQueueCheck(outbox: OutboxStore, now: number, timeZone: string): DoctorCheck {
  const queue = outbox.status();
  const worker = currentHolder(outbox, 'outbox', timeZone);
  const ageSeconds = queue.oldestPendingAt === null ? 0 : Math.round((now - queue.oldestPendingAt) / 1000);
  const stale = ageSeconds > STALE_PENDING_SECONDS;
  const detail = [
    `${queue.pending} pending${queue.pending ? ` (oldest ${ageSeconds} s)` : ''}, ${queue.refused} refused`,
    worker ? `worker ${describeHolder(worker)}` : 'no worker running',
    ...(queue.lastProblem ? [`last error: ${queue.lastProblem.error}`] : []),
  ].join('; ');
  const hint =
    queue.refused > 0
      ? 'see `catalog sync status`; after fixing the cause run `catalog sync --retry-refused`'
      : stale && worker
        ? `the worker (pid ${worker.pid} on ${worker.host}) has not sent them: see its output (is Elasticsearch reachable from there?)`
        : stale
          ? 'run `catalog sync` (or keep `catalog sync --watch` running)'
          : undefined;
  return { name: 'sync queue', status: queue.refused > 0 || stale ? 'warn' : 'ok', detail, ...(hint && { hint }) };
}

/** Versioned indices the alias does not point at: what an interrupted reindex leaves behind. */
async function leftoversCheck(client: Client, alias: string, outbox: OutboxStore, timeZone: string): Promise<DoctorCheck> {
  const building = currentHolder(outbox, 'reindex', timeZone);
  const leftovers = (await leftoverIndices(client, alias)).filter((name) => name !== building?.target);
  const running = building?.target
    ? `; ${building.target} is being built by a running reindex (pid ${building.pid} on ${building.host})`
    : '';
  if (!leftovers.length) return { name: 'leftover indices', status: 'ok', detail: `none${running}` };
  return {
    name: 'leftover indices',
    status: 'warn',
    detail: `${leftovers.length} index(es) the alias does not point at, left by an interrupted reindex: ${leftovers.join(', ')}${running}`,
    hint: 'the next `catalog reindex` removes them before it builds (or delete them by name)',
  };
}

/** The index's documents against the database: the count, and the versions of a sample. */
async function contentsCheck(client: Client, alias: string, outbox: OutboxStore): Promise<DoctorCheck> {
  // Documents written in the last second are not counted until a refresh (real-time gets see them).
  await client.indices.refresh({ index: alias }).catch(() => undefined);
  const drift = await measureIndexDrift(client, alias, outbox);
  const detail = describeDrift(drift);
  if (drift.drifted) return { name: 'index contents', status: 'fail', detail, hint: DRIFT_HINT };
  if (drift.indexed !== drift.expected)
    return {
      name: 'index contents',
      status: 'warn',
      detail,
      hint: `${drift.unsent} course(s) have changes not sent yet: keep \`catalog sync --watch\` running (or run \`catalog sync\`)`,
    };
  return { name: 'index contents', status: 'ok', detail };
}

/** Which provider `catalog serve` takes payments with, and whether its secrets are there (never what they are). */
function paymentsCheck(config: CatalogContext['config']): DoctorCheck {
  const { payments } = config;
  if (payments.provider === 'test')
    return {
      name: 'payments',
      status: 'warn',
      detail: `test provider: TEST MODE, no money moves (a price is held ${payments.holdMinutes} min)`,
      hint: 'to take payments, set payments.provider: razorpay and its secrets (README "Taking payments")',
    };
  const missing = PAYMENT_SECRETS.filter(
    ({ path }) => !(path.length === 2 ? payments.webhookSecret : payments.razorpay[path[2] as 'keyId' | 'keySecret']),
  );
  const keyMode = payments.razorpay.keyId?.startsWith('rzp_live_') ? 'live key' : payments.razorpay.keyId ? 'test key' : 'no key';
  return missing.length
    ? {
        name: 'payments',
        status: 'fail',
        detail: `razorpay at ${redactUrl(payments.razorpay.apiBaseUrl)}: ${missing.map((m) => m.env).join(', ')} not set`,
        hint: "set them in catalog serve's environment; catalog serve will not start without them",
      }
    : {
        name: 'payments',
        status: 'ok',
        detail: `razorpay at ${redactUrl(payments.razorpay.apiBaseUrl)}, ${keyMode}, secrets set (hidden)`,
      };
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
