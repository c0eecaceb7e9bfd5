import type { HolderView } from './queueLease.js';

/**
 * What a sync worker reports as it goes, for the command to show (`--json`: one object a line).
 * Events about the worker's own situation carry a `message` a person can read as it is; no
 * event ever contains a secret (errors pass through describeError).
 */
export type SyncEvent =
  | { type: 'retrying'; courses: number; error: string; attempt: number; delayMs: number }
  | { type: 'refused'; courseId: string; version: number; error: string }
  | { type: 'republished'; courses: number }
  | { type: 'published'; courses: number; milliseconds: number }
  /** Another worker holds the queue (`sync --watch` waits; a one-off sync refuses). */
  | { type: 'queue-held'; holder: HolderView; message: string }
  /** This worker holds the queue now; `replaced`: the holder before it stopped renewing. */
  | { type: 'queue-taken'; replaced?: HolderView & { why: 'expired' | 'gone' }; message: string }
  /** Another worker took the queue over (this one missed its renewals, e.g. frozen): it waits again. */
  | { type: 'queue-lost'; holder: HolderView; message: string }
  | { type: 'database-busy'; error: string; attempt: number; delayMs: number; message: string }
  /** The index lacks courses or holds other versions than the database, beyond what is pending. */
  | {
      type: 'drift';
      alias: string;
      expected: number;
      indexed: number;
      missing: number;
      older: number;
      newer: number;
      message: string;
      hint: string;
    }
  | { type: 'full-load'; message: string };
