import fs from 'node:fs';
import path from 'node:path';
import { CatalogError, ExitCode } from '../errors.js';
import { PAYMENT_SECRETS, parseConfig, secretsInFile } from './schema.js';
import type { CatalogConfig } from './schema.js';

export const MODULE_NAME = 'catalog';

/** Flags that override every other source. */
export interface ConfigOverrides {
  configFile?: string;
  database?: string;
  backend?: 'sqlite' | 'elasticsearch';
}

type Json = Record<string, unknown>;

/** Each setting the environment can carry: its variables (the first one set wins), and its form. */
const ENVIRONMENT: { variables: string[]; path: string[]; form?: 'number' | 'boolean' }[] = [
  { variables: ['CATALOG_DATABASE'], path: ['database'] },
  { variables: ['CATALOG_TIME_ZONE'], path: ['timeZone'] },
  { variables: ['CATALOG_SEARCH_BACKEND'], path: ['search', 'backend'] },
  { variables: ['CATALOG_ELASTICSEARCH_NODE', 'ELASTICSEARCH_URL'], path: ['elasticsearch', 'node'] },
  { variables: ['CATALOG_ELASTICSEARCH_API_KEY'], path: ['elasticsearch', 'apiKey'] },
  { variables: ['CATALOG_ELASTICSEARCH_USERNAME'], path: ['elasticsearch', 'username'] },
  { variables: ['CATALOG_ELASTICSEARCH_PASSWORD'], path: ['elasticsearch', 'password'] },
  { variables: ['CATALOG_ELASTICSEARCH_CA_FILE'], path: ['elasticsearch', 'caFile'] },
  { variables: ['CATALOG_ELASTICSEARCH_INSECURE'], path: ['elasticsearch', 'insecure'], form: 'boolean' },
  { variables: ['CATALOG_ELASTICSEARCH_REQUEST_TIMEOUT_MS'], path: ['elasticsearch', 'requestTimeoutMs'], form: 'number' },
  { variables: ['CATALOG_ELASTICSEARCH_INDEX'], path: ['elasticsearch', 'index'] },
  { variables: ['CATALOG_ACCESS_AFTER_END_DAYS'], path: ['access', 'afterEndDays'], form: 'number' },
  { variables: ['CATALOG_MATERIALS_DIR'], path: ['materials', 'dir'] },
  { variables: ['CATALOG_MATERIALS_MAX_BYTES'], path: ['materials', 'maxBytes'], form: 'number' },
  { variables: ['CATALOG_SYNC_CONCURRENCY'], path: ['sync', 'concurrency'], form: 'number' },
  { variables: ['CATALOG_SYNC_BATCH_SIZE'], path: ['sync', 'batchSize'], form: 'number' },
  { variables: ['CATALOG_SYNC_LEASE_SECONDS'], path: ['sync', 'leaseSeconds'], form: 'number' },
  { variables: ['CATALOG_OUTBOX_RETENTION_MINUTES'], path: ['outbox', 'retentionMinutes'], form: 'number' },
  { variables: ['CATALOG_PAYMENTS_PROVIDER'], path: ['payments', 'provider'] },
  { variables: ['CATALOG_PAYMENTS_HOLD_MINUTES'], path: ['payments', 'holdMinutes'], form: 'number' },
  { variables: ['CATALOG_RAZORPAY_API_BASE_URL'], path: ['payments', 'razorpay', 'apiBaseUrl'] },
  { variables: ['CATALOG_RAZORPAY_CHECKOUT_SCRIPT_URL'], path: ['payments', 'razorpay', 'checkoutScriptUrl'] },
  // The payment secrets: read from here only (a file that sets them is refused, see loadConfig).
  ...PAYMENT_SECRETS.map((secret) => ({ variables: [secret.env], path: [...secret.path] })),
];

/** The variable that carries the setting at `dotPath` in `env`, if any. */
function variableFor(dotPath: string, env: NodeJS.ProcessEnv): string | undefined {
  const setting = ENVIRONMENT.find((s) => dotPath === s.path.join('.') || dotPath.startsWith(`${s.path.join('.')}.`));
  return setting?.variables.find((name) => env[name] !== undefined && env[name] !== '');
}

/** CATALOG_* variables, mapped onto the file's shape so one schema validates both. */
export function configFromEnvironment(env: NodeJS.ProcessEnv): Json {
  const out: Json = {};
  for (const { path: keys, form } of ENVIRONMENT) {
    const variable = variableFor(keys.join('.'), env);
    if (variable === undefined) continue;
    const text = env[variable]!;
    let target = out;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Json;
    target[keys.at(-1)!] = form === 'number' ? Number(text) : form === 'boolean' ? /^(1|true|yes)$/i.test(text) : text;
  }
  return out;
}

function mergeDeep(...layers: Json[]): Json {
  const out: Json = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      const existing = out[key];
      out[key] =
        value && typeof value === 'object' && !Array.isArray(value) && existing && typeof existing === 'object'
          ? mergeDeep(existing as Json, value as Json)
          : value;
    }
  }
  return out;
}

/** The files cosmiconfig 9 reads for "catalog" in each folder it searches (its getDefaultSearchPlaces). */
export const SEARCH_PLACES = [
  'package.json',
  ...['', '.json', '.yaml', '.yml', '.js', '.ts', '.cjs', '.mjs'].map((ext) => `.${MODULE_NAME}rc${ext}`),
  ...['', '.json', '.yaml', '.yml', '.js', '.ts', '.cjs', '.mjs'].map((ext) => `.config/${MODULE_NAME}rc${ext}`),
  ...['.js', '.ts', '.cjs', '.mjs'].map((ext) => `${MODULE_NAME}.config${ext}`),
];
/** Where cosmiconfig looks for its own settings, which can add search places: the working folder only. */
export const META_PLACES = [
  'package.json',
  'package.yaml',
  ...['json', 'yaml', 'yml', 'js', 'ts', 'cjs', 'mjs'].map((ext) => `.config/config.${ext}`),
];

/** stat's error code for `file`, or null when it is there. */
function statError(file: string): string | null {
  try {
    fs.statSync(file);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'unknown';
  }
}

const exists = (file: string) => statError(file) === null;

/** Whether cosmiconfig, reading `file`, could get anything but the errors it skips over. */
const mayRead = (file: string) => !['ENOENT', 'ENOTDIR', 'EACCES'].includes(statError(file) ?? '');

/** A package.json that cosmiconfig reads and finds nothing in: valid JSON without any of these keys. */
function packageJsonWithout(file: string, keys: string[]): boolean {
  try {
    const content: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return (
      typeof content === 'object' && content !== null && !Array.isArray(content) && keys.every((key) => (content as Json)[key] == null)
    );
  } catch {
    return false;
  }
}

/**
 * Whether cosmiconfig could find anything searching from `cwd`: the same folders ("project":
 * up to the first with a package.json or package.yaml) and files, looked at with a few stat
 * calls; when anything is there, cosmiconfig itself reads it. A copy of cosmiconfig's search
 * kept on purpose (test/unit/config.test.ts holds it to cosmiconfig's places): many runs have
 * no configuration file, and loading cosmiconfig and js-yaml on every command pushed the search
 * benchmark's start-up ratio well past its 2.5× ceiling (bench/results/decisions.md).
 */
export function mayFindConfigFile(cwd: string, processCwd = process.cwd()): boolean {
  for (const place of META_PLACES) {
    const file = path.join(processCwd, place);
    if (mayRead(file) && !(place === 'package.json' && packageJsonWithout(file, ['cosmiconfig']))) return true;
  }
  for (let dir = path.resolve(cwd); ; ) {
    const hasConfigFolder = exists(path.join(dir, '.config'));
    for (const place of SEARCH_PLACES) {
      if (place.startsWith('.config/') && !hasConfigFolder) continue;
      const file = path.join(dir, place);
      if (mayRead(file) && !(place === 'package.json' && packageJsonWithout(file, [MODULE_NAME]))) return true;
    }
    if (exists(path.join(dir, 'package.json')) || exists(path.join(dir, 'package.yaml'))) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

async function readConfigFile(cwd: string, explicitFile?: string): Promise<{ config: Json; filepath: string } | null> {
  if (!explicitFile && !mayFindConfigFile(cwd)) return null;
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig(MODULE_NAME, { searchStrategy: 'project' });
  try {
    const result = explicitFile ? await explorer.load(path.resolve(cwd, explicitFile)) : await explorer.search(cwd);
    if (!result || result.isEmpty) return result ? { config: {}, filepath: result.filepath } : null;
    if (typeof result.config !== 'object' || result.config === null || Array.isArray(result.config)) {
      throw new CatalogError(
        `${result.filepath} does not hold a configuration object`,
        ExitCode.failure,
        'write it as key: value pairs; see .catalogrc.example',
      );
    }
    return { config: result.config as Json, filepath: result.filepath };
  } catch (error) {
    if (error instanceof CatalogError) throw error;
    throw unreadableConfig(error, explicitFile);
  }
}

/**
 * A configuration file that does not parse: the file, the parser's reason and, for YAML, the
 * line and the lines around it (cosmiconfig's own message stops at "YAML Error in <file>:").
 */
function unreadableConfig(error: unknown, explicitFile: string | undefined): CatalogError {
  const { filepath, mark, reason } = error as {
    filepath?: string;
    mark?: { line: number; column: number; snippet?: string };
    reason?: string;
  };
  const message = error instanceof Error ? error.message : String(error);
  const where = filepath ?? explicitFile ?? 'the configuration';
  // The parser's own words, without cosmiconfig's first line ("YAML Error in <file>:").
  const detail =
    message.includes('\n') && /Error in /.test(message.split('\n')[0]!) ? message.slice(message.indexOf('\n') + 1).trim() : message;
  const text =
    mark && reason
      ? `line ${mark.line + 1}, column ${mark.column + 1}: ${reason}${mark.snippet ? `\n${mark.snippet.replace(/^/gm, '    ')}` : ''}`
      : detail;
  const name = path.basename(where);
  return new CatalogError(
    `could not read ${where}: ${text}`,
    ExitCode.failure,
    explicitFile
      ? `check that ${explicitFile} exists and is valid JSON or YAML`
      : `fix ${name} there (YAML or JSON; every setting is in .catalogrc.example), or remove it to use the defaults`,
  );
}

/** Flags > environment > project file > defaults. */
export async function loadConfig(
  overrides: ConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<CatalogConfig> {
  const file = await readConfigFile(cwd, overrides.configFile ?? env.CATALOG_CONFIG);
  const secrets = file ? secretsInFile(file.config) : [];
  if (secrets.length)
    throw new CatalogError(
      `${file!.filepath} sets ${secrets.map((s) => s.setting).join(', ')}: payment secrets are read from the environment only`,
      ExitCode.failure,
      `remove ${secrets.length === 1 ? 'it' : 'them'} from the file and set ${secrets.map((s) => s.env).join(', ')} in the environment of catalog serve`,
    );
  const flags: Json = {};
  if (overrides.database) flags.database = overrides.database;
  if (overrides.backend) flags.search = { backend: overrides.backend };
  const merged = mergeDeep(file?.config ?? {}, configFromEnvironment(env), flags);
  const parsed = parseConfig(merged);
  if (!parsed.ok) {
    // Each problem is blamed on what carried the value: a flag beats a variable beats the file.
    const sourceOf = (dotPath: string | undefined) => {
      if (dotPath === 'database' && overrides.database) return '--db';
      if (dotPath?.startsWith('search.backend') && overrides.backend) return '--backend';
      const variable = dotPath === undefined ? undefined : variableFor(dotPath, env);
      if (variable) return `environment variable ${variable}`;
      return file ? file.filepath : 'the defaults';
    };
    const lines = parsed.issues.map((issue) => `  - ${issue.path ?? '(top level)'} (from ${sourceOf(issue.path)}): ${issue.message}`);
    const variables = [...new Set(parsed.issues.map((issue) => issue.path && variableFor(issue.path, env)).filter(Boolean))];
    throw new CatalogError(
      `the configuration is not valid:\n${lines.join('\n')}`,
      ExitCode.failure,
      variables.length
        ? `fix or unset ${variables.join(', ')} (the environment overrides the file); see .catalogrc.example for every setting and its form`
        : 'see .catalogrc.example for every setting and its form',
    );
  }
  // A database named in a config file lives beside that file, wherever the command runs from.
  const databaseBase = !overrides.database && !env.CATALOG_DATABASE && file ? path.dirname(file.filepath) : cwd;
  return {
    ...parsed.config,
    source: file?.filepath ?? null,
    databasePath: path.resolve(databaseBase, parsed.config.database),
  };
}

/** Which search backend answers: explicit choice, else Elasticsearch when a node is configured. */
export function searchBackendOf(config: CatalogConfig): 'sqlite' | 'elasticsearch' {
  return config.search.backend ?? (config.elasticsearch.node ? 'elasticsearch' : 'sqlite');
}
