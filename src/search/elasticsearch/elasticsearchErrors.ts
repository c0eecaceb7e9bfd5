import { errors } from '@elastic/elasticsearch';
import { redactUrl } from '../../config/schema.js';
import { CatalogError, ExitCode } from '../../errors.js';
import type { ElasticsearchSettings } from './connection.js';
import { redactSecrets } from './connection.js';

/** The node or the network failed (not our request): worth retrying later. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError || error instanceof errors.NoLivingConnectionsError)
    return true;
  if (error instanceof errors.ResponseError) return error.statusCode === 429 || (error.statusCode ?? 0) >= 500;
  return false;
}

export function isAuthenticationFailure(error: unknown): boolean {
  return error instanceof errors.ResponseError && (error.statusCode === 401 || error.statusCode === 403);
}

export function isIndexMissing(error: unknown): boolean {
  return error instanceof errors.ResponseError && error.statusCode === 404 && /index_not_found/.test(JSON.stringify(error.body ?? ''));
}

/** One line about what went wrong, secrets masked. */
export function errorSummary(error: unknown, settings: ElasticsearchSettings): string {
  let text: string;
  if (error instanceof errors.ResponseError) {
    const body = error.body as { error?: { type?: string; reason?: string } | string } | undefined;
    const cause =
      typeof body?.error === 'object'
        ? `${body.error.type}: ${body.error.reason}`
        : typeof body?.error === 'string'
          ? body.error
          : error.message;
    text = `HTTP ${error.statusCode} ${cause}`;
  } else if (error instanceof Error) text = error.message;
  else text = String(error);
  return redactSecrets(text.split('\n')[0]!.slice(0, 500), settings);
}

/**
 * A user-facing error for a failed call to the node: what happened and what to do. Anything that
 * is not the client's error (a bug, a database error) passes through untouched.
 */
export function elasticsearchFailure(
  error: unknown,
  settings: ElasticsearchSettings,
  alias: string,
  whenUnreachable = 'or search with --backend sqlite',
): unknown {
  if (!(error instanceof errors.ElasticsearchClientError)) return error;
  const where = settings.node ? redactUrl(settings.node) : 'Elasticsearch';
  const summary = errorSummary(error, settings);
  if (isIndexMissing(error)) {
    return new CatalogError(
      `the search index "${alias}" does not exist on ${where}`,
      ExitCode.failure,
      'build it from the database with `catalog reindex` (or `catalog sync`)',
    );
  }
  if (isAuthenticationFailure(error)) {
    return new CatalogError(
      `Elasticsearch at ${where} refused the credentials (${summary})`,
      ExitCode.failure,
      'check elasticsearch.apiKey, or elasticsearch.username and elasticsearch.password',
    );
  }
  if (isUnavailable(error)) {
    return new CatalogError(
      `cannot reach Elasticsearch at ${where}: ${summary}`,
      ExitCode.failure,
      `start it (\`npm run es:start\` for a local node), check elasticsearch.node, ${whenUnreachable}`,
    );
  }
  return new CatalogError(
    `Elasticsearch at ${where} failed: ${summary}`,
    ExitCode.failure,
    'run `catalog doctor` to check the connection and the index',
  );
}
