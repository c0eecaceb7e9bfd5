import type { Client, estypes } from '@elastic/elasticsearch';
import { errors } from '@elastic/elasticsearch';
import { CatalogError, ExitCode } from '../../errors.js';
import { courseIndexSettings, courseMappings, versionedIndexName } from './courseIndex.js';

/** What the alias name currently is on the node. */
export type AliasState =
  | { kind: 'missing' }
  | { kind: 'alias'; indices: string[] }
  /** A plain index squats on the alias name (e.g. auto-created by a write before any alias). */
  | { kind: 'index'; index: string };

export async function aliasState(client: Client, alias: string): Promise<AliasState> {
  try {
    const response = await client.indices.getAlias({ name: alias });
    return { kind: 'alias', indices: Object.keys(response).sort() };
  } catch (error) {
    if (!(error instanceof errors.ResponseError) || error.statusCode !== 404) throw error;
  }
  if (await client.indices.exists({ index: alias })) return { kind: 'index', index: alias };
  return { kind: 'missing' };
}

export async function createCourseIndex(client: Client, index: string, options: { alias?: string; loading?: boolean } = {}): Promise<void> {
  await client.indices.create({
    index,
    // While a reindex loads, no refreshes: segments are built once, at the end.
    settings: { ...courseIndexSettings, ...(options.loading && { refresh_interval: '-1' }) },
    mappings: courseMappings,
    ...(options.alias && { aliases: { [options.alias]: { is_write_index: true } } }),
    wait_for_active_shards: 1,
  });
}

/**
 * Makes sure writes through the alias land in a course index, creating the first versioned index
 * when there is none (`created`: the caller may have to tell the user that it is empty). Writes
 * always go with require_alias, so a missing alias is never papered over by an auto-created index
 * with guessed field types.
 */
export async function ensureCourseIndex(client: Client, alias: string, now: number): Promise<{ index: string; created: boolean }> {
  const state = await aliasState(client, alias);
  if (state.kind === 'alias') {
    if (state.indices.length !== 1) {
      throw new CatalogError(
        `the alias "${alias}" points at ${state.indices.length} indices (${state.indices.join(', ')})`,
        ExitCode.failure,
        'run `catalog reindex` to rebuild one index behind it',
      );
    }
    return { index: state.indices[0]!, created: false };
  }
  if (state.kind === 'index') {
    throw new CatalogError(
      `"${alias}" is a plain index, not the alias catalog writes through`,
      ExitCode.failure,
      'run `catalog reindex`: it builds a versioned index and puts the alias in place of the plain one',
    );
  }
  const index = versionedIndexName(alias, now);
  try {
    await createCourseIndex(client, index, { alias });
  } catch (error) {
    // Another worker created it at the same moment: use theirs.
    const again = await aliasState(client, alias);
    if (again.kind === 'alias' && again.indices.length === 1) return { index: again.indices[0]!, created: true };
    throw error;
  }
  const after = await aliasState(client, alias);
  if (after.kind === 'alias' && after.indices.length > 1) {
    // Two workers raced: keep the older index, drop ours.
    await client.indices.delete({ index });
    return { index: after.indices.filter((name) => name !== index)[0]!, created: true };
  }
  return { index, created: true };
}

/**
 * Versioned indices of this alias (any mapping version) that the alias does not point at: left
 * behind by a reindex that was cut off (its clean-up could not reach the node either).
 */
export async function leftoverIndices(client: Client, alias: string): Promise<string[]> {
  const found = await client.indices.get({
    index: `${alias}-v*`,
    allow_no_indices: true,
    ignore_unavailable: true,
    expand_wildcards: ['open', 'closed'],
    features: ['aliases'],
  });
  // Alias names are lowercase letters, digits, '-' and '_' (see the configuration): nothing to escape.
  const ours = new RegExp(`^${alias}-v\\d+-\\d{17}-[a-z0-9]{4}$`);
  return Object.entries(found)
    .filter(([name, index]) => ours.test(name) && !(alias in (index.aliases ?? {})))
    .map(([name]) => name)
    .sort();
}

/** Differences between the live mapping and the one this code writes, as "path: live ≠ expected". */
export function mappingDifferences(live: unknown, expected: unknown, path = ''): string[] {
  if (typeof expected !== 'object' || expected === null || typeof live !== 'object' || live === null) {
    return String(live) === String(expected)
      ? []
      : [`${path || '(root)'}: ${JSON.stringify(live) ?? 'missing'} ≠ ${JSON.stringify(expected)}`];
  }
  const out: string[] = [];
  const keys = new Set([...Object.keys(expected), ...Object.keys(live)]);
  for (const key of [...keys].sort()) {
    const where = path ? `${path}.${key}` : key;
    const e = (expected as Record<string, unknown>)[key];
    const l = (live as Record<string, unknown>)[key];
    if (e === undefined) out.push(`${where}: present on the node, unknown to this catalog`);
    else if (l === undefined) out.push(`${where}: missing on the node`);
    else out.push(...mappingDifferences(l, e, where));
  }
  return out;
}

export async function liveMapping(client: Client, index: string): Promise<estypes.MappingTypeMapping> {
  const response = await client.indices.getMapping({ index });
  return response[index]!.mappings;
}

export function expectedMapping(): estypes.MappingTypeMapping {
  return courseMappings;
}
