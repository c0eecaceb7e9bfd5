import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { OutboxStore } from '../../src/store/outboxStore.js';
import { currentHolder, QueueLease } from '../../src/sync/queueLease.js';
import { tempCatalog } from '../support/tempCatalog.js';

/** The lease on a real database file; the wall clock is the test's, so expiry is exact. */
describe('QueueLease: one holder at a time', () => {
  const setup = () => {
    const catalog = tempCatalog();
    let now = 1_000_000;
    const wallClock = () => now;
    const lease = (name: 'outbox' | 'reindex' = 'outbox') => new QueueLease(new OutboxStore(catalog.db), name, { ttlMs: 3000, wallClock });
    return { catalog, lease, advance: (ms: number) => (now += ms), wallClock };
  };

  it('a second claimant is told who holds it until the holder stops renewing; the old holder then finds it lost', () => {
    const { catalog, lease, advance, wallClock } = setup();
    const a = lease();
    const b = lease();
    expect(a.claim()).toEqual({ held: true });
    const refused = b.claim();
    expect(refused).toMatchObject({ held: false, holder: { token: a.token, pid: process.pid, host: os.hostname() } });
    expect(currentHolder(new OutboxStore(catalog.db), 'outbox', 'Asia/Kolkata', wallClock)).toMatchObject({ pid: process.pid });

    // Renewals keep it: 2.9 s after each renewal the other still waits.
    for (let i = 0; i < 3; i++) {
      advance(2900);
      expect(a.claim().held).toBe(true);
      expect(b.claim().held).toBe(false);
    }
    expect(a.held).toBe(true);
    advance(3000);
    expect(a.held, 'by its own clock, the old holder knows its claim ran out').toBe(false);
    expect(b.claim()).toMatchObject({ held: true, replaced: { holder: { token: a.token }, why: 'expired' } });
    expect(a.claim()).toMatchObject({ held: false, holder: { token: b.token } });
  });

  it('a holder whose process is gone on this machine is replaced at once; a released lease is free at once', () => {
    const { catalog, lease } = setup();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const outbox = new OutboxStore(catalog.db);
    outbox.setState(
      'lease:outbox',
      JSON.stringify({
        token: 'gone',
        pid: Number(dead.stdout),
        host: os.hostname(),
        since: 0,
        heartbeatAt: 0,
        expiresAt: Number.MAX_SAFE_INTEGER,
      }),
    );
    const a = lease();
    expect(a.claim()).toMatchObject({ held: true, replaced: { holder: { token: 'gone' }, why: 'gone' } });
    a.release();
    expect(currentHolder(outbox, 'outbox', 'Asia/Kolkata')).toBeUndefined();
    expect(lease().claim()).toEqual({ held: true });
  });

  it('leases of different jobs are independent, and a garbled record counts as free', () => {
    const { catalog, lease } = setup();
    expect(lease('outbox').claim().held).toBe(true);
    expect(lease('reindex').claim().held).toBe(true);
    new OutboxStore(catalog.db).setState('lease:outbox', 'not json');
    expect(lease('outbox').claim()).toEqual({ held: true });
  });
});
