import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Material } from '../../domain/material.js';
import { CatalogError, ExitCode } from '../../errors.js';
import { StoredFileMissing } from '../../storage/fileStore.js';
import type { CatalogContext } from '../catalogContext.js';
import { materialFiles } from '../materials/materialFiles.js';

/**
 * Writes a file material to a path (written aside and renamed: whole or not at all) or to a
 * stream such as stdout. To a path, a store that can copy locally lets the kernel do it and the
 * size is checked; with `verify`, or to a stream, the bytes pass through a SHA-256 check, so a
 * damaged store is an error rather than a silently different file.
 */
export async function deliverFile(
  ctx: CatalogContext,
  material: Material,
  to: { path: string } | { stream: Writable },
  options: { verify?: boolean } = {},
): Promise<{ bytes: number; verified: boolean }> {
  const file = material.file!;
  const files = materialFiles(ctx.config);
  const missing = (error: unknown) =>
    error instanceof StoredFileMissing
      ? new CatalogError(
          `the file of material ${material.id} is missing from the materials folder`,
          ExitCode.failure,
          `the storage lost it; upload it again (\`catalog material add ${material.courseId} <file>\`) and remove this material`,
        )
      : error;
  const open = () => files.read(file.sha256).catch((error: unknown) => Promise.reject(missing(error)));
  if ('stream' in to) {
    await pipeline(await open(), verifier(file.sha256, file.bytes), to.stream, { end: false });
    return { bytes: file.bytes, verified: true };
  }
  const target = path.resolve(to.path);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
  const verified = options.verify === true || !files.copyTo;
  try {
    if (verified) await pipeline(await open(), verifier(file.sha256, file.bytes), fs.createWriteStream(temp, { flags: 'wx' }));
    else {
      await files.copyTo!(file.sha256, temp).catch((error: unknown) => Promise.reject(missing(error)));
      const copied = (await fs.promises.stat(temp)).size;
      if (copied !== file.bytes) throw damaged(file.sha256, `${copied} bytes instead of ${file.bytes}`);
    }
    await fs.promises.rename(temp, target);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw writeProblem(error, to.path);
  }
  return { bytes: file.bytes, verified };
}

/**
 * A file material as a stream for a response body: read from the store and checked against its
 * SHA-256 and size as it passes, so a damaged store ends the response in an error rather than
 * delivering different bytes.
 */
export async function materialStream(ctx: CatalogContext, material: Material): Promise<Readable> {
  const file = material.file!;
  let content: Readable;
  try {
    content = await materialFiles(ctx.config).read(file.sha256);
  } catch (error) {
    if (error instanceof StoredFileMissing)
      throw new CatalogError(
        `the file of material ${material.id} is missing from the materials folder`,
        ExitCode.failure,
        'tell the course team',
      );
    throw error;
  }
  const checked = verifier(file.sha256, file.bytes);
  content.on('error', (error) => checked.destroy(error));
  return content.pipe(checked);
}

function damaged(sha256: string, detail: string): CatalogError {
  return new CatalogError(
    `the stored file ${sha256} is damaged (${detail})`,
    ExitCode.failure,
    'nothing was written; restore the materials folder from a backup, or upload the file again',
  );
}

function verifier(sha256: string, bytes: number): Transform {
  const hash = createHash('sha256');
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      seen += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      if (actual === sha256 && seen === bytes) return done();
      done(damaged(sha256, `${seen} bytes, SHA-256 ${actual}`));
    },
  });
}

function writeProblem(error: unknown, label: string): unknown {
  if (error instanceof CatalogError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new CatalogError(`the disk is full: ${label} was not written`, ExitCode.failure, 'free some space or write elsewhere with -o');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR')
    return new CatalogError(
      `cannot write ${label} (${code})`,
      ExitCode.failure,
      'check the folder exists and is writable, or write elsewhere with -o',
    );
  return error;
}
