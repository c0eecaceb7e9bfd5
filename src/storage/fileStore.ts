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
  /** Where it is, for messages and `doctor`. */
  readonly location: string;
}

export interface StagedFile {
  sha256: string;
  bytes: number;
  /** The first bytes, for telling what the file is (see mediaType.ts). */
  head: Buffer;
  /**
   * Makes the content readable under its address (atomically: whole or not at all).
   * `created` is false when the store already had the same content (nothing was written).
   */
  commit(): Promise<{ created: boolean }>;
  /** Drops the staged copy; harmless after commit. */
  discard(): Promise<void>;
}

/** How many leading bytes a StagedFile keeps for sniffing its type. */
export const HEAD_BYTES = 64 * 1024;

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

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A content address is 64 lowercase hex digits and nothing else: it never becomes a path outside the store. */
export function assertContentAddress(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a content address: ${JSON.stringify(sha256)}`);
}
