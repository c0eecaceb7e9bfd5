import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { formatBytes } from '../../domain/bytes.js';
import { CatalogError, ExitCode, NotFoundError, UsageError } from '../../errors.js';

/**
 * Bytes to store as a material's file: a local file (the store may let the kernel copy it) or a
 * stream such as standard input, with the name it came with and, for a file, its size when opened.
 */
export type MaterialSource = ({ path: string } | { stream: Readable }) & {
  /** The file's own name (its base name); '-' for standard input. */
  name: string;
  /** What the user typed, for messages. */
  label: string;
  /** The size when opened (regular files): fewer or more bytes read means it changed meanwhile. */
  expectedBytes: number | null;
};

/**
 * Checks a file (or '-', standard input) to upload. A missing path is "not found", an unreadable
 * one a failure; a folder or a device is a usage mistake; a file already over the limit or empty
 * is refused before reading.
 */
export async function openMaterialSource(argument: string, maxBytes: number, stdin?: Readable): Promise<MaterialSource> {
  // process.stdin only when asked for: merely reading the property sets up a stream (a few ms).
  if (argument === '-') return { stream: stdin ?? process.stdin, name: '-', label: 'standard input', expectedBytes: null };
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(argument, 'r');
  } catch (error) {
    throw readProblem(error, argument);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new UsageError(`${argument} is not a file`, 'pass a file to upload (a folder? zip it first), or - for standard input');
    if (stat.size > maxBytes) throw tooLarge(argument, maxBytes);
    if (stat.size === 0) throw emptyFile(argument);
    return { path: argument, name: path.basename(argument), label: argument, expectedBytes: stat.size };
  } finally {
    await handle.close();
  }
}

/** A local file as a stream, for a store that only takes streams. */
export function streamOf(source: MaterialSource): Readable {
  // 4 MiB reads: a third of the CPU of 1 MiB ones for a large file (fewer calls, hash updates and buffers).
  return 'stream' in source ? source.stream : fs.createReadStream(source.path, { highWaterMark: 4 * 1024 * 1024 });
}

export function readProblem(error: unknown, label: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new NotFoundError(`no file at ${label}`, 'check the path; nothing was stored');
  if (code === 'EACCES' || code === 'EPERM')
    return new CatalogError(`cannot read ${label}: permission denied`, ExitCode.failure, 'check the file permissions; nothing was stored');
  if (code === 'EISDIR') return new UsageError(`${label} is a folder`, 'pass a file to upload (zip a folder first)');
  return new CatalogError(
    `reading ${label} failed (${code ?? (error as Error).message})`,
    ExitCode.failure,
    'nothing was stored; check the file (did it move, or its disk go away?) and try again',
  );
}

export function tooLarge(label: string, maxBytes: number): UsageError {
  return new UsageError(
    `${label} is larger than the limit for a material file (${formatBytes(maxBytes)})`,
    'compress or split it, link to it with `catalog material add <course> https://...`, or raise materials.maxBytes (CATALOG_MATERIALS_MAX_BYTES)',
  );
}

export function emptyFile(label: string): UsageError {
  return new UsageError(`${label} is empty`, 'an empty file is not something a student can open; check that you picked the right file');
}
