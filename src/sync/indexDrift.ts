import type { Client } from '@elastic/elasticsearch';
import type { OutboxStore } from '../store/outboxStore.js';

/**
 * How far the index behind the alias is from the database, beyond what the changes still
 * waiting to be sent explain: the document count, and the versions of a sample of courses (all
 * of them in a small catalogue). An index that was deleted and re-created empty, lost documents,
 * or was restored from an older copy shows here; the cure is `catalog reindex`.
 */
export interface IndexDrift {
  /** Courses the index should hold (all but archived). */
  expected: number;
  /** Documents behind the alias (as of its last refresh). */
  indexed: number;
  /** Courses with changes Elasticsearch has not acknowledged yet: differences they explain are not drift. */
  unsent: number;
  /** Courses compared version by version (those with unsent changes left out). */
  checked: number;
  missing: string[];
  older: string[];
  newer: string[];
  drifted: boolean;
}

const SAMPLE_SIZE = 1000;
const MGET_CHUNK = 500;

export async function measureIndexDrift(
  client: Client,
  alias: string,
  outbox: OutboxStore,
  options: { sampleSize?: number } = {},
): Promise<IndexDrift> {
  const unsent = outbox.unsentCourseIds();
  const sample = outbox.indexableSample(options.sampleSize ?? SAMPLE_SIZE).filter((course) => !unsent.has(course.id));
  const expected = outbox.indexableCourses();
  const indexed = (await client.count({ index: alias })).count;
  const missing: string[] = [];
  const older: string[] = [];
  const newer: string[] = [];
  for (let start = 0; start < sample.length; start += MGET_CHUNK) {
    const chunk = sample.slice(start, start + MGET_CHUNK);
    // Real-time gets see what was written since the last refresh, unlike the count.
    const response = await client.mget({ index: alias, ids: chunk.map((course) => course.id), _source: false });
    response.docs.forEach((doc, position) => {
      const course = chunk[position]!;
      const version = 'found' in doc && doc.found ? doc._version : undefined;
      if (version === undefined) missing.push(course.id);
      else if (version < course.version) older.push(course.id);
      else if (version > course.version) newer.push(course.id);
    });
  }
  const countDrift = Math.abs(indexed - expected) > unsent.size;
  return {
    expected,
    indexed,
    unsent: unsent.size,
    checked: sample.length,
    missing,
    older,
    newer,
    drifted: countDrift || missing.length + older.length + newer.length > 0,
  };
}

/** "40 in Elasticsearch, 40 in SQLite; of 40 checked, 5 at an older version" */
export function describeDrift(drift: IndexDrift): string {
  const difference = drift.indexed - drift.expected;
  const counts = `${drift.indexed} in Elasticsearch, ${drift.expected} in SQLite${difference ? ` (${difference > 0 ? '+' : ''}${difference})` : ''}`;
  const problems = [
    drift.missing.length && `${drift.missing.length} missing (e.g. ${drift.missing.slice(0, 3).join(', ')})`,
    drift.older.length && `${drift.older.length} at an older version (e.g. ${drift.older.slice(0, 3).join(', ')})`,
    drift.newer.length && `${drift.newer.length} at a newer version than the database (e.g. ${drift.newer.slice(0, 3).join(', ')})`,
  ].filter(Boolean);
  const versions = problems.length
    ? `of ${drift.checked} checked, ${problems.join(', ')}`
    : `${drift.checked} checked course(s) at their current version`;
  return `${counts}; ${versions}${drift.unsent ? `; ${drift.unsent} course(s) with changes not sent yet` : ''}`;
}

export const DRIFT_HINT = 'run `catalog reindex`: it rebuilds the index from the database behind the alias, with no gap in searches';
