import fs from 'node:fs';
import { Client } from '@elastic/elasticsearch';
import type { ClientOptions } from '@elastic/elasticsearch';
import type { CatalogConfig } from '../../config/schema.js';
import { redactUrl } from '../../config/schema.js';
import { CatalogError, ExitCode } from '../../errors.js';

export type ElasticsearchSettings = CatalogConfig['elasticsearch'];

export interface ConnectOptions {
  /** Retries the client itself makes on a dead connection; the sync worker does its own. */
  maxRetries?: number;
  /** Where the `insecure` warning goes (default: stderr). */
  warn?: (message: string) => void;
}

const NO_NODE_HINT =
  'set elasticsearch.node in .catalogrc, or CATALOG_ELASTICSEARCH_NODE=http://127.0.0.1:9200 (start a local node with `npm run es:start`)';

export function requireNode(settings: ElasticsearchSettings): string {
  if (!settings.node) throw new CatalogError('no Elasticsearch node is configured', ExitCode.failure, NO_NODE_HINT);
  return settings.node;
}

/** How the client authenticates, for display: never the secret itself. */
export function authenticationOf(
  settings: ElasticsearchSettings,
): 'api key' | 'username and password' | 'username and password in the URL' | 'none' {
  if (settings.apiKey) return 'api key';
  if (settings.username || settings.password) return 'username and password';
  try {
    if (settings.node && new URL(settings.node).username) return 'username and password in the URL';
  } catch {
    // An invalid URL is reported by the configuration check.
  }
  return 'none';
}

/** The official client, configured from `elasticsearch.*`: auth, CA file, TLS verification, timeout. */
export function connectElasticsearch(settings: ElasticsearchSettings, options: ConnectOptions = {}): Client {
  const node = requireNode(settings);
  const clientOptions: ClientOptions = {
    node,
    name: 'catalog',
    requestTimeout: settings.requestTimeoutMs,
    maxRetries: options.maxRetries ?? 2,
  };
  if (settings.apiKey) clientOptions.auth = { apiKey: settings.apiKey };
  else if (settings.username || settings.password) {
    if (!settings.username || !settings.password) {
      throw new CatalogError(
        'elasticsearch.username and elasticsearch.password go together',
        ExitCode.failure,
        'set both, or use elasticsearch.apiKey instead',
      );
    }
    clientOptions.auth = { username: settings.username, password: settings.password };
  }
  const tls: NonNullable<ClientOptions['tls']> = {};
  if (settings.caFile) {
    try {
      tls.ca = fs.readFileSync(settings.caFile);
    } catch (error) {
      throw new CatalogError(
        `cannot read the CA file ${settings.caFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
        ExitCode.failure,
        'point elasticsearch.caFile at the PEM certificate of the CA that signed your cluster',
      );
    }
  }
  if (settings.insecure) {
    tls.rejectUnauthorized = false;
    (options.warn ?? ((message) => process.stderr.write(`! ${message}\n`)))(
      `TLS certificate verification is OFF for ${redactUrl(node)} (elasticsearch.insecure); use it only with a throwaway local node`,
    );
  }
  if (Object.keys(tls).length) clientOptions.tls = tls;
  return new Client(clientOptions);
}

/**
 * Masks anything secret that an error message might carry (a URL with credentials, the API key
 * or the password echoed back by a proxy). Every message about Elasticsearch goes through here.
 */
export function redactSecrets(text: string, settings: ElasticsearchSettings): string {
  let out = text.replace(/(\w+:\/\/)[^/\s:@]+:[^/\s@]+@/g, '$1****:****@');
  for (const secret of [settings.apiKey, settings.password]) {
    if (secret) out = out.split(secret).join('********');
  }
  return out;
}
