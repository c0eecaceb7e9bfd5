import { describe, expect, it } from 'vitest';
import { describeDrift } from '../../src/sync/indexDrift.js';
import type { IndexDrift } from '../../src/sync/indexDrift.js';
import { describeHolder, holderView } from '../../src/sync/queueLease.js';

describe('drift and holders in words', () => {
  const drift = (extra: Partial<IndexDrift>): IndexDrift => ({
    expected: 40,
    indexed: 40,
    unsent: 0,
    checked: 40,
    missing: [],
    older: [],
    newer: [],
    drifted: false,
    ...extra,
  });

  it('says the counts, then what the sample found', () => {
    expect(describeDrift(drift({}))).toBe('40 in Elasticsearch, 40 in SQLite; 40 checked course(s) at their current version');
    expect(describeDrift(drift({ indexed: 1, checked: 30, expected: 30, missing: ['a', 'b', 'c', 'd'], drifted: true }))).toBe(
      '1 in Elasticsearch, 30 in SQLite (-29); of 30 checked, 4 missing (e.g. a, b, c)',
    );
    expect(describeDrift(drift({ older: ['x'], newer: ['y'], unsent: 2, drifted: true }))).toBe(
      '40 in Elasticsearch, 40 in SQLite; of 40 checked, 1 at an older version (e.g. x), 1 at a newer version than the database (e.g. y); 2 course(s) with changes not sent yet',
    );
  });

  it('a holder: who, where, since when, how fresh', () => {
    const view = holderView(
      { token: 't', pid: 42, host: 'box', since: Date.UTC(2026, 0, 1), heartbeatAt: 10_000, expiresAt: 40_000 },
      12_400,
      'Asia/Kolkata',
    );
    expect(view).toEqual({ pid: 42, host: 'box', since: '2026-01-01T05:30:00+05:30', heartbeatSecondsAgo: 2 });
    expect(describeHolder(view)).toBe('pid 42 on box, since 2026-01-01T05:30:00+05:30, heartbeat 2 s ago');
  });
});
