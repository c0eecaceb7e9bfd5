import type { Readable } from 'node:stream';

/**
 * Where material files live, addressed by the SHA-256 of their content. The folder on disk is
 * today's implementation (folderFileStore.ts); an object store (S3-compatible) can take its
 * place by implementing these few operations: SQLite keeps every other fact about a file.
 */
export interface FileStore {
  /**
   * Streams `source` to a private staging place, hashing and counting as it goes; never takes
   * more than `maxBytes`. Nothing is visible under the content address until `commit`.
   */
  stage(source: Readable, limits: { maxBytes: number }): Promise<StagedFile>;
  /**
   * Stages a local file, if the store can do that faster than streaming it (the folder store
   * lets the kernel copy, then hashes the copy). Absent: callers stream the file into `stage`.
   */
  stageFile?(file: string, limits: { maxBytes: number }): Promise<StagedFile>;
  /** The content's bytes, streamed; a StoredFileMissing error if the store does not have it. */
  read(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /**
   * Copies the content to a local file, if the store can do that faster than streaming it (the
   * folder store lets the kernel copy). Absent: callers stream `read` instead.
   */
  copyTo?(sha256: string, target: string): Promise<void>;
  /** Deletes the content; deleting what is not there is fine. */
  remove(sha256: string): Promise<void>;
  /** What the store holds, for `doctor`: every content with its size, staged uploads, and anything else found there. */
  inventory(): Promise<StoreInventory>;
  /** Where it is, for messages and `doctor`. */
  readonly location: string;
}

export interface StagedFile {
  sha256: string;
  bytes: number;
  /** The first bytes, for telling what the file is (see mediaType.ts). */
  head: Buffer;
  /**
   * Makes the content readable under its address (atomically: whole or not at all, and durably).
   * `created` is false when the store already had the same content (nothing was written).
   */
  commit(): Promise<{ created: boolean }>;
  /** Drops the staged copy; harmless after commit. */
  discard(): Promise<void>;
}

/**
 * Ages are judged by the store against the real clock, as its files' times are (never a catalogue
 * clock pinned for tests or demos, which would make a live upload look years old).
 */
export interface StoreInventory {
  /** `settled`: stored more than SETTLED_CONTENT_MS ago, so no upload is still recording it. */
  contents: { sha256: string; bytes: number; location: string; settled: boolean }[];
  /** Uploads being staged, or `abandoned` by one that stopped (a crash, a kill): see ABANDONED_STAGING_MS. */
  staging: { location: string; bytes: number; abandoned: boolean }[];
  /** Entries that are neither a content nor a staged upload (put there by hand?). */
  strays: string[];
}

/** How many leading bytes a StagedFile keeps for sniffing its type. */
export const HEAD_BYTES = 64 * 1024;

/**
 * A staged upload untouched for this long was left by a process that stopped: an upload in
 * progress writes to it all the time (a stalled standard input excepted, which then fails
 * clearly when it tries to commit).
 */
export const ABANDONED_STAGING_MS = 60 * 60 * 1000;

/** Content stored this recently may belong to an upload whose database record is being written. */
export const SETTLED_CONTENT_MS = 10 * 60 * 1000;

export class FileTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
  }
}

export class StoredFileMissing extends Error {
  constructor(readonly sha256: string) {
    super(`no stored content ${sha256}`);
  }
}

/** The staged copy disappeared before its commit (swept as abandoned, or deleted by hand). */
export class StagingLost extends Error {
  constructor() {
    super('the staged copy of the upload was removed before it was stored');
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A content address is 64 lowercase hex digits and nothing else: it never becomes a path outside the store. */
export function assertContentAddress(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a content address: ${JSON.stringify(sha256)}`);
}

export function isContentAddress(name: string): boolean {
  return SHA256_HEX.test(name);
}
